package io.petwatch.collector.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What several collector instances on one database promise, read from the database against what the hubs and owners
 * did. {@link #check} lists every broken promise with examples; an empty list means all hold.
 */
final class Guarantees {
    private static final int EXAMPLES = 5;

    private Guarantees() {
    }

    static List<String> check(ClusterDatabase.Snapshot db, HubTraffic hubs, Owners owners, Fleet fleet) {
        List<String> broken = new ArrayList<>();
        Set<String> sent = hubs.sentAlertIds();
        Set<String> acknowledged = hubs.acknowledgedAlertIds();
        Map<String, ClusterDatabase.StoredAlert> stored = db.alerts().stream()
                .collect(Collectors.toMap(ClusterDatabase.StoredAlert::alertId, a -> a));

        // 1. Nothing lost, nothing invented: every alert the hubs were told is safe is stored, once.
        Set<String> lost = minus(acknowledged, stored.keySet());
        if (!lost.isEmpty()) {
            broken.add(lost.size() + " acknowledged alert(s) are not in `alerts`, e.g. " + examples(lost,
                    id -> id + " accepted by " + hubs.acceptedBy(id)));
        }
        Set<String> unknown = minus(stored.keySet(), sent);
        if (!unknown.isEmpty()) {
            broken.add(unknown.size() + " stored alert(s) no hub sent, e.g. " + examples(unknown, id -> id));
        }
        if (db.alerts().size() != sent.size()) {
            broken.add("`alerts` holds " + db.alerts().size() + " rows, the hubs sent " + sent.size()
                    + " distinct alerts (" + acknowledged.size() + " acknowledged)");
        }
        if (!hubs.acceptedMoreThanOnce().isEmpty()) {
            broken.add("alert(s) answered ACCEPTED more than once: " + examples(hubs.acceptedMoreThanOnce().keySet(),
                    id -> id + " x" + hubs.acceptedMoreThanOnce().get(id)));
        }

        // 2. Every stored alert decided: TRIAGED or UNMATCHED, never stuck in RECEIVED, never FAILED.
        Map<String, List<ClusterDatabase.StoredAlert>> byStatus = db.alerts().stream()
                .collect(Collectors.groupingBy(ClusterDatabase.StoredAlert::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, alerts) -> {
            if (!status.equals("TRIAGED") && !status.equals("UNMATCHED")) {
                Map<String, Long> acceptedBy = alerts.stream().collect(Collectors.groupingBy(
                        a -> hubs.acceptedBy(a.alertId()), TreeMap::new, Collectors.counting()));
                broken.add(alerts.size() + " alert(s) are " + status + " (not decided), accepted by " + acceptedBy
                        + ", e.g. " + examples(alerts, a -> a.alertId() + (a.reason() == null ? "" : " (" + a.reason()
                        + ")")));
            }
        });

        // 3. One case per episode (collar, kind, episode start), opened by exactly one alert; every collar's episode
        //    has its case (each collar's owner is matched, none is in a holdout, no storm, no cap reached).
        Map<String, List<ClusterDatabase.Case>> byEpisode = db.cases().stream().collect(Collectors.groupingBy(
                c -> c.collarId() + "/" + c.kind() + "/" + c.episodeStart()));
        List<String> twice = byEpisode.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " has cases " + e.getValue().stream().map(ClusterDatabase.Case::id).toList())
                .toList();
        if (!twice.isEmpty()) {
            broken.add(twice.size() + " episode(s) opened more than one case, e.g. " + examples(twice, s -> s));
        }
        Map<String, Long> opened = db.cases().stream().collect(Collectors.groupingBy(ClusterDatabase.Case::openedBy,
                Collectors.counting()));
        List<String> openedTwice = opened.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        if (!openedTwice.isEmpty()) {
            broken.add(openedTwice.size() + " alert(s) opened more than one case, e.g. " + examples(openedTwice, s -> s));
        }
        Set<String> collarsWithCase = db.cases().stream().map(ClusterDatabase.Case::collarId).collect(Collectors.toSet());
        Set<String> collarsWithoutCase = minus(fleet.collars().stream().map(Fleet.Collar::id)
                .collect(Collectors.toSet()), collarsWithCase);
        if (!collarsWithoutCase.isEmpty()) {
            broken.add(collarsWithoutCase.size() + " of " + fleet.collars().size() + " collars' episodes have no case"
                    + " yet, e.g. " + examples(collarsWithoutCase, id -> id));
        }

        // 4. Exactly one initial text per case, handed to the provider (SENT); never two of one step.
        Map<Long, List<ClusterDatabase.Message>> textsByCase = db.messages().stream()
                .filter(m -> m.template().equals(Owners.TEMPLATE))
                .collect(Collectors.groupingBy(ClusterDatabase.Message::caseId));
        List<String> notOneText = new ArrayList<>();
        List<String> unsent = new ArrayList<>();
        for (ClusterDatabase.Case c : db.cases()) {
            List<ClusterDatabase.Message> texts = textsByCase.getOrDefault(c.id(), List.of());
            if (texts.size() != 1) {
                notOneText.add("case " + c.id() + " has " + texts.size());
            } else if (!texts.get(0).status().equals("SENT")) {
                unsent.add("case " + c.id() + " text " + texts.get(0).id() + " " + texts.get(0).status()
                        + (texts.get(0).error() == null ? "" : " (" + texts.get(0).error() + ")"));
            }
        }
        if (!notOneText.isEmpty()) {
            broken.add(notOneText.size() + " case(s) do not have exactly one initial text, e.g. "
                    + examples(notOneText, s -> s));
        }
        if (!unsent.isEmpty()) {
            broken.add(unsent.size() + " initial text(s) are not SENT yet, e.g. " + examples(unsent, s -> s));
        }
        Map<String, Long> perStep = db.messages().stream().collect(Collectors.groupingBy(
                m -> m.caseId() + "/" + m.template(), Collectors.counting()));
        List<String> stepTwice = perStep.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue()).toList();
        if (!stepTwice.isEmpty()) {
            broken.add(stepTwice.size() + " case step(s) have more than one message, e.g. " + examples(stepTwice, s -> s));
        }

        // 5. Every owner who answers has answered (each reply taken once), and the timers: a case whose owner's
        //    reply was taken before the deadline never escalates; every other case escalates exactly once.
        Map<Long, Owners.Reply> replies = owners.replies();
        Set<String> repliedCustomers = replies.values().stream().map(Owners.Reply::customerId).collect(Collectors.toSet());
        Set<String> notYetReplied = minus(owners.replyingCustomers(), repliedCustomers);
        if (!notYetReplied.isEmpty()) {
            broken.add(notYetReplied.size() + " of " + owners.replyingCustomers().size() + " answering owners have not"
                    + " replied yet (no text SENT, or the webhook failed: " + owners.failures() + "), e.g. "
                    + examples(notYetReplied, s -> s));
        }
        Set<String> inbound = new HashSet<>(db.inboundSids());
        List<String> replyLost = replies.values().stream().map(Owners.Reply::sid).filter(s -> !inbound.contains(s))
                .toList();
        if (!replyLost.isEmpty()) {
            broken.add(replyLost.size() + " webhook repl(ies) answered 200 but not in `inbound_messages`, e.g. "
                    + examples(replyLost, s -> s));
        }
        if (db.inboundSids().size() != inbound.size()) {
            broken.add("`inbound_messages` holds a provider MessageSid twice");
        }
        List<String> escalatedTwice = new ArrayList<>();
        List<String> repliedButEscalated = new ArrayList<>();
        List<String> notEscalated = new ArrayList<>();
        for (ClusterDatabase.Case c : db.cases()) {
            int escalations = db.escalations().getOrDefault(c.id(), 0);
            Owners.Reply reply = replies.get(c.id());
            if (escalations > 1) {
                escalatedTwice.add("case " + c.id() + " x" + escalations);
            } else if (reply != null && reply.inTime()) {
                if (escalations != 0 || c.status().equals("ESCALATED")) {
                    repliedButEscalated.add("case " + c.id() + " (reply taken at " + reply.answeredAt() + ", due "
                            + reply.escalateAt().orElse(null) + ", status " + c.status() + ")");
                }
            } else if (reply == null && escalations != 1) {
                notEscalated.add("case " + c.id() + " " + c.status() + " due " + c.escalateAt().orElse(null));
            }
        }
        if (!escalatedTwice.isEmpty()) {
            broken.add(escalatedTwice.size() + " case(s) escalated more than once, e.g. " + examples(escalatedTwice, s -> s));
        }
        if (!repliedButEscalated.isEmpty()) {
            broken.add(repliedButEscalated.size() + " case(s) escalated although the owner's reply was taken before the"
                    + " deadline, e.g. " + examples(repliedButEscalated, s -> s));
        }
        if (!notEscalated.isEmpty()) {
            broken.add(notEscalated.size() + " unanswered case(s) have not escalated (exactly once) yet, e.g. "
                    + examples(notEscalated, s -> s));
        }
        if (!hubs.refusals().isEmpty()) {
            broken.add(hubs.refusals().size() + " upload(s) or alert(s) refused for good, e.g. "
                    + examples(hubs.refusals(), s -> s));
        }
        return broken;
    }

    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static <T> String examples(Collection<T> items, Function<T, String> show) {
        return items.stream().limit(EXAMPLES).map(show).collect(Collectors.joining("; ", "[", "]"))
                + (items.size() > EXAMPLES ? " and " + (items.size() - EXAMPLES) + " more" : "");
    }

    /** Counts for the run's report. */
    static Map<String, Object> summary(ClusterDatabase.Snapshot db, Owners owners) {
        Map<String, Object> out = new TreeMap<>();
        out.put("alerts", db.alerts().size());
        out.put("alerts by status", db.alerts().stream().collect(Collectors.groupingBy(
                ClusterDatabase.StoredAlert::status, TreeMap::new, Collectors.counting())));
        out.put("cases", db.cases().size());
        out.put("cases by status", db.cases().stream().collect(Collectors.groupingBy(ClusterDatabase.Case::status,
                TreeMap::new, Collectors.counting())));
        out.put("messages", db.messages().size());
        out.put("escalated events", db.escalations().values().stream().mapToInt(Integer::intValue).sum());
        Map<Boolean, Long> replies = new HashMap<>(owners.replies().values().stream()
                .collect(Collectors.partitioningBy(Owners.Reply::inTime, Collectors.counting())));
        out.put("replies in time", replies.getOrDefault(true, 0L));
        out.put("replies after the deadline", replies.getOrDefault(false, 0L));
        return out;
    }
}
