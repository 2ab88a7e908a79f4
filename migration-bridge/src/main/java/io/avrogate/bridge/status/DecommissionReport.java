package io.avrogate.bridge.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether the old topic still has readers other than the bridge, and whether the bridge has caught up: the answer
 * to "may I switch the bridge (and the old topic) off?".
 */
public record DecommissionReport(String oldTopic, String sourceTopic, String bridgeGroup, Duration quietPeriod,
                                 List<GroupStatus> groups, long bridgeLag, boolean safe, List<String> reasons) {

    /**
     * One consumer group with committed offsets on the old topic.
     *
     * @param activeMembers members currently assigned partitions of the old topic
     * @param lag           records on the old topic the group has not committed yet (read_committed end offsets)
     * @param lastActivity  the last time the group was seen active (see {@link GroupObservation})
     * @param firstSeen     since when the group has been observed; before that nothing is known
     */
    public record GroupStatus(String group, String state, int activeMembers, long lag, Instant lastActivity,
                              Instant firstSeen) {}

    /** The report as a person reads it. */
    public String render(Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("Old topic ").append(oldTopic).append(": ").append(groups.size()).append(" consumer group(s) with committed offsets\n");
        for (GroupStatus g : groups) {
            out.append(String.format("  %-40s state=%-12s members=%d lag=%d last activity %s (%s ago; observed since %s)%n",
                    g.group(), g.state(), g.activeMembers(), g.lag(), g.lastActivity(),
                    human(Duration.between(g.lastActivity(), now)), g.firstSeen()));
        }
        out.append("Bridge group ").append(bridgeGroup).append(" on ").append(sourceTopic).append(": lag ")
                .append(bridgeLag < 0 ? "unknown (no committed offsets)" : String.valueOf(bridgeLag)).append('\n');
        out.append("Quiet period: ").append(human(quietPeriod)).append('\n');
        if (safe) {
            out.append("SAFE to switch off: no group other than the bridge's has read ").append(oldTopic)
                    .append(" for ").append(human(quietPeriod)).append(" and the bridge has caught up\n");
        } else {
            out.append("NOT SAFE: ").append(String.join("; ", reasons)).append('\n');
        }
        return out.toString();
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) return s + "s";
        if (s < 7200) return (s / 60) + "m";
        if (s < 172_800) return (s / 3600) + "h";
        return (s / 86_400) + "d";
    }
}
