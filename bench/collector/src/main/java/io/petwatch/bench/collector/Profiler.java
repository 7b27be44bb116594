package io.petwatch.bench.collector;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Path;

/**
 * Starts and stops async-profiler in a running server JVM through the JDK's attach API (what async-profiler's own
 * launcher does), so each measured phase gets a profile of its own, warm-up left out. CPU samples from per-thread CPU
 * timers (ctimer, 1 ms: perf events are not allowed here, and the process-wide itimer gets at most one signal per
 * kernel tick, 4 ms, for the whole process), one stack root per thread, written collapsed.
 */
final class Profiler {
    private final long pid;
    private final String library;
    private final String output;

    private Profiler(long pid, String library, String output) {
        this.pid = pid;
        this.library = library;
        this.output = output;
    }

    /** A profiler for the phase, or null when none was asked for. */
    static Profiler of(long pid, String library, String output) {
        return library == null || library.isEmpty() || output == null || pid <= 0 ? null
                : new Profiler(pid, Path.of(library).toAbsolutePath().toString(), Path.of(output).toAbsolutePath().toString());
    }

    void start() throws Exception {
        command("start,event=ctimer,interval=1ms,threads");
    }

    void stop() throws Exception {
        command("stop,collapsed,file=" + output);
        System.out.println("  profile: " + output);
    }

    private void command(String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            vm.loadAgentPath(library, options);
        } finally {
            vm.detach();
        }
    }
}
