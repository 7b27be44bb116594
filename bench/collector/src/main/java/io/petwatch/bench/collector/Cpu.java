package io.petwatch.bench.collector;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time from /proc (Linux, in clock ticks of 10 ms): one server process and its threads by kind, the PostgreSQL
 * backends serving that server's connections (found through its sockets and pg_stat_activity, so other people's
 * sessions on the same PostgreSQL are left out), every other PostgreSQL process (the WAL writer, checkpointer and
 * background writer, which every client of the server shares, and anyone else's backends), this bench process
 * itself, and the whole machine (so a run that shared the two cores with someone else's build shows it).
 */
record Cpu(long server, long postgres, long postgresOther, long client, long machineBusy, long machineAll, long nanos,
           Map<String, Long> serverThreads, Map<Long, Long> postgresByPid) {
    static final double MS_PER_TICK = 10.0; // CLK_TCK is 100 on Linux x86-64
    /** The server's threads by what they do, from their names (Linux keeps 15 characters of a thread's name). */
    static final List<String> THREAD_KINDS = List.of("event loops", "executor threads", "triage/relay threads", "JIT",
            "GC", "other");

    static Cpu now(long serverPid) {
        Map<Long, Long> pg = postgresTicks();
        long all = pg.values().stream().mapToLong(Long::longValue).sum();
        return new Cpu(serverPid > 0 ? ticks(Path.of("/proc", Long.toString(serverPid))) : 0, 0, all,
                ticks(Path.of("/proc/self")), machine(false), machine(true), System.nanoTime(), threads(serverPid), pg);
    }

    /** As {@link #now(long)} for several server processes (instances behind a load balancer): their ticks summed. */
    static Cpu now(List<Long> serverPids) {
        if (serverPids.size() == 1) {
            return now(serverPids.get(0));
        }
        Map<Long, Long> pg = postgresTicks();
        long all = pg.values().stream().mapToLong(Long::longValue).sum();
        long server = 0;
        Map<String, Long> threads = new LinkedHashMap<>();
        for (long pid : serverPids) {
            server += ticks(Path.of("/proc", Long.toString(pid)));
            threads(pid).forEach((k, v) -> threads.merge(k, v, Long::sum));
        }
        return new Cpu(server, 0, all, ticks(Path.of("/proc/self")), machine(false), machine(true), System.nanoTime(),
                threads, pg);
    }

    /** From {@code before} to this snapshot; {@code backends} are the PostgreSQL processes counted as the server's. */
    Cpu minus(Cpu before, Set<Long> backends) {
        Map<String, Long> threads = new LinkedHashMap<>();
        serverThreads.forEach((k, v) -> threads.put(k, v - before.serverThreads.getOrDefault(k, 0L)));
        long mine = 0;
        for (long pid : backends) {
            mine += postgresByPid.getOrDefault(pid, 0L) - before.postgresByPid.getOrDefault(pid, 0L);
        }
        long all = 0;
        for (Map.Entry<Long, Long> e : postgresByPid.entrySet()) {
            all += e.getValue() - before.postgresByPid.getOrDefault(e.getKey(), 0L);
        }
        return new Cpu(server - before.server, mine, Math.max(0, all - mine), client - before.client,
                machineBusy - before.machineBusy, machineAll - before.machineAll, nanos - before.nanos, threads, Map.of());
    }

    /**
     * The PostgreSQL backends serving a process's connections: its sockets (/proc/PID/fd) give the local ports of its
     * TCP connections (/proc/net/tcp), which pg_stat_activity names as client_port.
     */
    static Set<Long> backendsOf(long pid, Connection c) throws SQLException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        List<Integer> ports = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && inodes.contains(f[9]) && f[2].endsWith(":1538")) { // remote port 5432
                        ports.add(Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no IPv6 table
            }
        }
        Set<Long> backends = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE client_port = ANY(?) AND pid <> pg_backend_pid()")) {
            s.setArray(1, c.createArrayOf("int4", ports.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    backends.add(rs.getLong(1));
                }
            }
        }
        return backends;
    }

    static String kind(String thread) {
        if (thread.startsWith("vert.x-eventloo")) {
            return "event loops";
        }
        if (thread.startsWith("executor-thread") || thread.startsWith("vert.x-worker")) {
            return "executor threads"; // requests; triage too in a collector that runs it on the managed executor
        }
        if (thread.contains("triage") || thread.contains("relay") || thread.startsWith("vert.x-internal")) {
            return "triage/relay threads";
        }
        if (thread.contains("Compiler")) {
            return "JIT";
        }
        if (thread.startsWith("GC ") || thread.startsWith("G1 ") || thread.contains("Sweeper")) {
            return "GC";
        }
        return "other";
    }

    /** CPU ticks of the server's threads, summed by {@link #kind}; threads that ended meanwhile are not counted. */
    private static Map<String, Long> threads(long pid) {
        Map<String, Long> sums = new LinkedHashMap<>();
        THREAD_KINDS.forEach(k -> sums.put(k, 0L));
        if (pid <= 0) {
            return sums;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    sums.merge(kind(name), ticks(task), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            return sums;
        }
        return sums;
    }

    double seconds() {
        return nanos / 1e9;
    }

    /** Milliseconds of CPU per unit of work (an alert, a request). */
    static double msPer(long ticks, long units) {
        return units == 0 ? Double.NaN : ticks * MS_PER_TICK / units;
    }

    /** Cores busy on average over the window. */
    double cores(long ticks) {
        return ticks * MS_PER_TICK / 1000.0 / Math.max(seconds(), 1e-9);
    }

    /** utime + stime of one process; 0 once it is gone. */
    private static long ticks(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Map<Long, Long> postgresTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    if (Files.readString(p.resolve("comm")).strip().equals("postgres")) {
                        ticks.put(Long.parseLong(p.getFileName().toString()), ticks(p));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /** Busy (everything but idle and iowait) or all ticks of every core, from /proc/stat's first line. */
    private static long machine(boolean all) {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return all ? total : total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Established TCP connections whose remote end is {@code port} on this machine (the hubs' connections). */
    static int connectionsTo(int port) {
        int n = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[3].equals("01") && f[2].contains(":")
                            && Integer.parseInt(f[2].substring(f[2].lastIndexOf(':') + 1), 16) == port) {
                        n++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no IPv6 table
            }
        }
        return n;
    }
}
