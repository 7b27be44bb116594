package io.petwatch.sim.scenariofile;

import java.util.List;
import java.util.Optional;

/**
 * Which collars an event happens to: those of one fleet (or of every fleet), all of them, the named ones, a number
 * or a share of them chosen by the seed.
 */
record Target(Optional<String> fleet, Pick pick) {
    sealed interface Pick {
    }

    record All() implements Pick {
    }

    record Named(List<String> collars) implements Pick {
        Named {
            collars = List.copyOf(collars);
        }
    }

    record Count(int count) implements Pick {
    }

    /** Rounded to the nearest whole collar, at least one. */
    record Share(double share) implements Pick {
        int of(int size) {
            return Math.max(1, (int) Math.round(share * size));
        }
    }
}
