package io.petwatch.collector.console.pages;

import io.petwatch.collector.console.AlertView;
import io.petwatch.collector.console.CaseView;
import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.CustomerDirectory;
import io.petwatch.collector.playbook.MessageScripts;
import io.petwatch.collector.playbook.Playbook;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent should say on the call: the playbook's {@code agent-guide-SCRIPT} for the script the case's rule
 * used (reviewed in playbook.yaml like the texts themselves), filled in with the owner's and the pet's names, or for
 * a retail case with the customer's name and what its trigger says (the score, the parcel, the payment).
 */
@ApplicationScoped
public class CallGuide {
    static final String PREFIX = "agent-guide-";

    private final MessageScripts scripts;
    private final CustomerDirectory directory;

    public CallGuide(MessageScripts scripts, CustomerDirectory directory) {
        this.scripts = scripts;
        this.directory = directory;
    }

    /** The guide's lines, empty when the playbook has none for this case's script. */
    public Optional<List<String>> forCase(CaseView c, Optional<AlertView> alert) {
        Playbook playbook = scripts.playbook();
        Optional<String> guide = c.rule().or(() -> playbook.ruleFor(c.kind(), c.severity().orElse("MEDIUM"))
                .map(Playbook.Rule::script)).map(script -> PREFIX + script).filter(playbook.scripts()::containsKey);
        if (c.collarId().isEmpty()) {
            Map<String, String> params = alert.map(AlertView::params).orElse(Map.of());
            return guide.flatMap(g -> directory.forCustomers(List.of(c.customerId())).values().stream().findFirst()
                    .map(ctx -> scripts.renderForTrigger(g, ctx, params, c.subject()).lines().toList()));
        }
        Optional<AlertContext> context = Optional.ofNullable(directory.forCollars(List.of(c.collarId().get()))
                .get(c.collarId().get()));
        return guide.flatMap(g -> context.map(ctx -> scripts.renderFor(g, ctx).lines().toList()));
    }
}
