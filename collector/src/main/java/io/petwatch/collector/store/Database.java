package io.petwatch.collector.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.CMTTransactionHandler;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The collector's one way to PostgreSQL: Jdbi over the Agroal pool. Transactions are the container's
 * ({@code @Transactional}): inside one, every handle gets the connection Agroal enlisted, so a decision and its effects
 * commit together or not at all; Jdbi never begins, commits or rolls back by itself.
 */
@ApplicationScoped
public class Database {
    @Produces
    @Singleton
    Jdbi jdbi(AgroalDataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin())
                .setTransactionHandler(new CMTTransactionHandler());
        // A handle closed inside a container transaction leaves the transaction to the container.
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        return jdbi;
    }
}
