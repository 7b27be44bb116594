#!/usr/bin/env python3
"""Summarises an async-profiler collapsed-stack file (one "frame;frame;...;leaf count" line per stack, the first
frame the thread when recorded with `threads`): samples per thread pool, the top frames by self and by inclusive
samples, the same grouped into libraries and layers (PostgreSQL driver, Jackson, protobuf, Agroal, Narayana, SHA-256,
logging, Vert.x/Netty, ...), and the PetWatch methods the time is spent under.

Usage: profile_summary.py FILE.collapsed [top N]   (bench/run-collector.sh --profile runs it on every phase)
"""
import collections
import re
import sys

# (group, pattern) in order: a frame belongs to the first group whose pattern it matches.
GROUPS = [
    ("auth: SHA-256 (hub token hash)", r"sun/security/provider/(SHA|Digest)|java/security/MessageDigest|HubTokens"),
    ("auth: staff/hub throttle (bucket4j)", r"io/github/bucket4j|io/petwatch/collector/throttle/"),
    ("PostgreSQL JDBC driver", r"^org/postgresql/"),
    ("Agroal pool", r"^io/agroal/"),
    ("Narayana JTA / transactions", r"^com/arjuna/|^io/quarkus/narayana/|^jakarta/transaction/|TransactionalInterceptor"),
    ("Jackson", r"^com/fasterxml/jackson/"),
    ("protobuf", r"^com/google/protobuf/|^io/petwatch/proto/"),
    ("logging", r"^org/jboss/logmanager/|^org/jboss/logging/|^java/util/logging/"),
    ("reactive messaging / Mutiny", r"^io/smallrye/reactive/|^io/smallrye/mutiny/"),
    ("Quarkus REST (RESTEasy Reactive)", r"^org/jboss/resteasy/reactive/|^io/quarkus/resteasy/reactive/|^io/quarkus/rest/"),
    ("Quarkus security / Elytron", r"^io/quarkus/security/|^io/quarkus/vertx/http/runtime/security/|^org/wildfly/security/"),
    ("Vert.x / Netty (HTTP, event loops)", r"^io/vertx/|^io/netty/|^io/quarkus/vertx/"),
    ("ArC / CDI / context propagation", r"^io/quarkus/arc/|^io/smallrye/context/"),
    ("Micrometer", r"^io/micrometer/|^io/quarkus/micrometer/"),
    ("JDK HTTP client (bench only)", r"^jdk/internal/net/http/"),
    ("PetWatch code", r"^io/petwatch/"),
    ("JDK socket / NIO", r"^sun/nio/ch/|^java/net/|^sun/net/|^java/nio/channels/"),
    ("JDK crypto / security", r"^sun/security/|^java/security/|^javax/crypto/|^com/sun/crypto/"),
    ("JDK regex", r"^java/util/regex/"),
    ("JDK time", r"^java/time/"),
    ("JDK concurrency / threads", r"^java/util/concurrent/|^jdk/internal/misc/Unsafe\.park|^java/lang/Thread"),
    ("JDK other", r"^java/|^jdk/|^sun/|^javax/|^jakarta/"),
]
COMPILED = [(name, re.compile(p)) for name, p in GROUPS]
# The upload's path, innermost first: each sample goes to the first of these found walking from the leaf to the root
# (so a JDBC round trip is charged to the PetWatch step that made it). Names of the collector's code before and after
# the rewrite of issue 14; samples matching none are charged by thread.
OPERATIONS = [
    ("auth: token SHA-256", r"HubTokens\.sha256Hex"),
    ("auth: hubs row lookup (own connection, SELECT)", r"HubAuthenticator\.stored"),
    ("auth: guessing throttle", r"io/petwatch/collector/throttle/"),
    ("auth: other", r"HubAuthenticator\.check"),
    ("ingest: collar ownership SELECT", r"CustomerDirectory\.hubsOfCollars"),
    ("ingest: detector params to JSON (Jackson)", r"AlertIngestService\.json"),
    ("protobuf parse / encode", r"^com/google/protobuf/|^io/petwatch/proto/"),
    ("ingest: bind parameters", r"AlertIngestService\.bind"),
    ("ingest: INSERT batch (executeBatch)", r"AlertIngestService\.insert"),
    ("ingest: the one store statement (AlertRows.store: arrays, INSERT ... RETURNING)", r"AlertRows\.store"),
    ("ingest: Jdbi handle (connection from the pool, close)",
     r"^org/jdbi/.*(openConnection|closeConnection|Handle\.close|ConnectionFactory)"),
    ("ingest: firmware / hub model updates", r"AlertIngestService\.record"),
    ("ingest: other (connection, enlistment, result)", r"AlertIngestService\.ingest"),
    ("transaction begin + commit (Narayana, Agroal, COMMIT round trip)", r"TransactionalInterceptor|^com/arjuna/"),
    ("validation", r"AlertValidator"),
    ("hand-off to the triage channel (Emitter)", r"^io/smallrye/reactive/|^io/smallrye/mutiny/|AlertResource\$\$Lambda"),
    ("upload: other", r"AlertResource\.upload"),
]
# The baseline's own steps (bench/baseline), used for stacks under its resource method.
BASELINE_OPERATIONS = [
    ("protobuf parse / encode", r"^com/google/protobuf/|^io/petwatch/proto/"),
    ("baseline: INSERT batch (executeBatch)", r"PgPreparedStatement\.executeBatch|PgStatement\.executeBatch"),
    ("baseline: connection from the pool + close", r"^io/agroal/"),
    ("baseline: other", r"BaselineAlertResource\.upload"),
]
OPS_COMPILED = [(name, re.compile(p)) for name, p in OPERATIONS]
BASELINE_COMPILED = [(name, re.compile(p)) for name, p in BASELINE_OPERATIONS]


def operation(thread, body):
    kind = thread_kind(thread)
    if kind == "triage + relay threads":
        return kind
    ops = BASELINE_COMPILED if any("BaselineAlertResource" in fr for fr in body) else OPS_COMPILED
    for fr in reversed(body):
        for name, pattern in ops:
            if pattern.search(fr):
                return name
    if kind == "request worker threads":
        return "request worker, outside the resource method (RESTEasy Reactive: body, response)"
    return kind


def thread_kind(thread):
    t = thread.strip("[]")
    if t.startswith("vert.x-eventloop"):
        return "HTTP event loops (Vert.x / Netty)"
    if t.startswith("executor-thread") or t.startswith("vert.x-worker"):
        return "request worker threads"
    if "triage" in t or "relay" in t:
        return "triage + relay threads"
    if "Compiler" in t:
        return "JVM: JIT compiler"
    if re.search(r"GC|G1|Sweeper", t):
        return "JVM: garbage collection"
    return "other threads"


# The socket I/O of a library is that library's cost: attributed to the caller that owns the connection.
IO_OWNERS = [("PostgreSQL JDBC driver", "org/postgresql/"), ("Vert.x / Netty (HTTP, event loops)", "io/netty/")]


def group_of(frame):
    for name, pattern in COMPILED:
        if pattern.search(frame):
            return name
    return None


def thread_pool(frame):
    name = frame.strip("[]")
    name = re.sub(r" tid=\d+$", "", name)
    return re.sub(r"\d+", "N", name)


def vm_group(frames):
    """Samples with no Java frame at all: GC, JIT compiler, VM threads, or native code."""
    thread = frames[0] if frames and frames[0].startswith("[") else ""
    if re.search(r"GC|G1|Conc|Parallel|Refine|Sweep", thread):
        return "JVM: garbage collection"
    if "Compiler" in thread or "C1" in thread or "C2" in thread:
        return "JVM: JIT compiler"
    return "JVM / native other"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    total = 0
    threads = collections.Counter()
    self_frames = collections.Counter()
    incl_frames = collections.Counter()
    self_groups = collections.Counter()
    incl_groups = collections.Counter()
    petwatch_incl = collections.Counter()
    petwatch_innermost = collections.Counter()
    operations = collections.Counter()
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            stack, _, count = line.rpartition(" ")
            n = int(count)
            frames = stack.split(";")
            total += n
            thread = frames[0] if frames[0].startswith("[") else "[?]"
            threads[thread_pool(thread)] += n
            body = frames[1:] if frames[0].startswith("[") else frames
            # async-profiler's annotations: _[j] Java, _[i] inlined, _[k] kernel, _[0] interpreted ...
            body = [re.sub(r"_\[[a-z0-9]\]$", "", fr) for fr in body]
            if not body:
                continue
            self_frames[body[-1]] += n
            operations[operation(thread, body)] += n
            for fr in set(body):
                incl_frames[fr] += n
            groups = set()
            innermost = None
            for fr in reversed(body):
                g = group_of(fr)
                if g and innermost is None:
                    innermost = g
                if g:
                    groups.add(g)
            if innermost is None:
                innermost = vm_group(frames)
            elif innermost in ("JDK socket / NIO", "JDK other", "JDK concurrency / threads"):
                for owner, prefix in IO_OWNERS:
                    if any(fr.startswith(prefix) for fr in body):
                        innermost = owner
                        break
            self_groups[innermost] += n
            for g in groups:
                incl_groups[g] += n
            pw = [fr for fr in body if fr.startswith("io/petwatch/") and not fr.startswith("io/petwatch/proto/")]
            for fr in set(pw):
                petwatch_incl[fr] += n
            petwatch_innermost[pw[-1] if pw else "(no PetWatch frame)"] += n

    def pct(n):
        return 100.0 * n / total if total else 0.0

    print(f"{path}: {total} CPU samples")
    print("\nThreads (share of samples, thread numbers folded into N):")
    for name, n in threads.most_common(15):
        print(f"  {pct(n):5.1f}%  {name}")
    jit = operations.get("JVM: JIT compiler", 0)
    print("\nWhere the time goes, by step of the upload (innermost step on the stack; the rest by thread). Second")
    print("column: share of the samples outside the JIT compiler (still compiling after the warm-up):")
    for name, n in operations.most_common():
        rest = "" if name == "JVM: JIT compiler" else f"{100.0 * n / max(total - jit, 1):5.1f}%"
        print(f"  {pct(n):5.1f}%  {rest:>6}  {name}")
    print("\nGroups, self (each sample counted once, in the innermost library it is in; socket I/O under the")
    print("PostgreSQL driver or Netty counted as theirs):")
    for name, n in self_groups.most_common():
        print(f"  {pct(n):5.1f}%  {name}")
    print("\nGroups, inclusive (samples with any frame of the group on the stack; they overlap):")
    for name, n in incl_groups.most_common():
        print(f"  {pct(n):5.1f}%  {name}")
    print(f"\nTop {top} frames, self:")
    for name, n in self_frames.most_common(top):
        print(f"  {pct(n):5.1f}%  {name}")
    print(f"\nTop {top} frames, inclusive:")
    for name, n in incl_frames.most_common(top):
        print(f"  {pct(n):5.1f}%  {name}")
    print(f"\nPetWatch methods, inclusive (top {top}):")
    for name, n in petwatch_incl.most_common(top):
        print(f"  {pct(n):5.1f}%  {name}")
    print("\nInnermost PetWatch method of each sample (a partition of the samples):")
    for name, n in petwatch_innermost.most_common(top):
        print(f"  {pct(n):5.1f}%  {name}")


if __name__ == "__main__":
    main()
