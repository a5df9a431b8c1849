package org.domus.sim;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.domus.model.DeviceAddress;
import org.domus.model.Durations;

/**
 * A fault to inject at a time, as written on the command line: {@code KIND:TARGET[=ARG][@AT]}.
 * <ul>
 * <li>{@code offline:living-room/ceiling-light@10s} (ARG: come back after, e.g. {@code =30s}; default: stay away)</li>
 * <li>{@code malformed:…}, {@code stuck:…}, {@code mute:…}, {@code recover:…}</li>
 * <li>{@code late:living-room/thermostat=5s} (ARG: the extra delay, required)</li>
 * <li>{@code storm:200@20s} (TARGET: how many devices reconnect at once)</li>
 * </ul>
 * TARGET is {@code room/device} (in the simulated house) or {@code house/room/device}; AT is counted from the
 * start (default 0s). Immutable.
 */
public record FaultSpec(String kind, String target, Duration argument, Duration at) {

    public static final Set<String> KINDS = Set.of("offline", "malformed", "stuck", "late", "mute", "recover", "storm");

    public FaultSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
    }

    /** Parses a spec; throws IllegalArgumentException with one line for the user. */
    public static FaultSpec parse(String text) {
        String spec = text.strip();
        int colon = spec.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("fault \"" + text + "\" must be KIND:TARGET[=ARG][@AT], e.g. offline:living-room/ceiling-light@10s");
        }
        String kind = spec.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("fault kind \"" + kind + "\" is not one of "
                    + KINDS.stream().sorted().collect(Collectors.joining(", ")));
        }
        String rest = spec.substring(colon + 1);
        Duration at = Duration.ZERO;
        int atSign = rest.lastIndexOf('@');
        if (atSign >= 0) {
            at = duration(rest.substring(atSign + 1), text);
            rest = rest.substring(0, atSign);
        }
        Duration argument = null;
        int equals = rest.indexOf('=');
        if (equals >= 0) {
            argument = duration(rest.substring(equals + 1), text);
            rest = rest.substring(0, equals);
        }
        if (rest.isBlank()) {
            throw new IllegalArgumentException("fault \"" + text + "\" names no device");
        }
        if (kind.equals("late") && argument == null) {
            throw new IllegalArgumentException("fault \"" + text + "\" needs the extra delay, e.g. late:living-room/thermostat=5s");
        }
        if (kind.equals("storm")) {
            try {
                if (Integer.parseInt(rest) < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault \"" + text + "\": a storm takes a number of devices, e.g. storm:200@20s");
            }
        }
        return new FaultSpec(kind, rest, argument, at);
    }

    private static Duration duration(String text, String spec) {
        return Durations.parse(text).orElseThrow(() -> new IllegalArgumentException("fault \"" + spec + "\": \""
                + text + "\" is not a duration (such as 10s, 500ms, 2m)"));
    }

    /** For {@code storm}: how many devices. */
    public int count() {
        return Integer.parseInt(target);
    }

    /** The targeted device among {@code devices}; throws IllegalArgumentException when none or several match. */
    public DeviceAddress device(List<DeviceAddress> devices) {
        List<DeviceAddress> matching = devices.stream()
                .filter(d -> target.equals(d.toString()) || target.equals(d.room() + "/" + d.device())).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException("fault " + kind + ": " + (matching.isEmpty()
                    ? "no simulated device " + target : target + " is in several houses: write house/room/device"));
        }
        return matching.getFirst();
    }

    /** The fault itself (not for {@code storm}). */
    public Fault fault() {
        return switch (kind) {
            case "offline" -> new Fault.Offline(argument);
            case "malformed" -> new Fault.Malformed();
            case "stuck" -> new Fault.Stuck();
            case "late" -> new Fault.LateAnswers(argument);
            case "mute" -> new Fault.Mute();
            case "recover" -> new Fault.Recover();
            default -> throw new IllegalStateException("a storm is not a device fault");
        };
    }

    /** Applies this fault to a running simulation. */
    public void apply(SimulatorRuntime runtime) {
        if (kind.equals("storm")) {
            runtime.reconnectStorm(count());
        } else {
            runtime.injectFault(device(runtime.devices()), fault());
        }
    }
}
