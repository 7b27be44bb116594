import io.petwatch.gateway.detect.*;
import io.petwatch.gateway.uplink.AlertMapper;
import java.util.*;
/** Prints the wire size of a 48-hour low-activity alert, evidence included. */
public class AlertSize {
  public static void main(String[] a) {
    List<HourEvidence> h = new ArrayList<>();
    long t0 = 1_795_000_000_000L;
    for (int i = 0; i < 48; i++) h.add(new HourEvidence(t0 + i * 3_600_000L, 1500 + i * 7, 4200 + i * 11, 60, 3100 + i * 5, 5300 + i * 13));
    List<HourEvidence> before = new ArrayList<>();
    for (int i = 0; i < 24; i++) before.add(new HourEvidence(t0 - (24 - i) * 3_600_000L, 4000 + i * 7, 4200 + i * 11, 60, 3100 + i * 5, 5300 + i * 13));
    AlertEvent e = new AlertEvent(AlertEvent.alertId("hub-demo","collar-008",AlertKind.LOW_ACTIVITY,t0,AlertState.FIRING),
      "collar-008", AlertKind.LOW_ACTIVITY, AlertState.FIRING, Severity.MEDIUM, t0, t0+48*3_600_000L, t0+48*3_600_000L, t0+49*3_600_000L,
      "low-activity","1", LowActivityParams.defaults().asMap(), 0.3, 1.0, h, before,
      "activity at 30% of this pet's usual level for the last 48 h (each of 2 blocks below 50%; worn 100% of the time)");
    System.out.println(AlertMapper.toProto("hub-demo", e).getSerializedSize());
  }
}
