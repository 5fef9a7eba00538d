using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Domain.Sla;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>Where an inquiry goes next and by when: route rules over its data, SLA in business hours.</summary>
public static class InquiryRouting
{
    public static System.Text.Json.Nodes.JsonObject Data(Inquiry state, CustomerFacts? customer, DateTimeOffset now, BusinessCalendar calendar) =>
        RoutingData.Build(state.TopicId.ToString(), state.Kind.ToString(), state.Channel, state.Priority,
            state.Attributes.ToDictionary(a => a.Key, a => (object?)a.Value), customer?.Category, customer?.Vip ?? false, calendar.ToLocal(now));

    public static DateTimeOffset? Deadline(ProjectConfig config, Inquiry state, string process, DateTimeOffset now) =>
        config.Sla.Find(state.TopicId.ToString(), process) is { } policy ? SlaClock.DeadlineFor(policy, config.Calendar, now).ToUniversalTime() : null;

    /// <summary>The queue command that puts the inquiry into <paramref name="process"/> (rule-chosen queue, step deadline).</summary>
    public static QueueInquiry Enter(ProjectConfig config, RouteDefinition route, Inquiry state, string process, CustomerFacts? customer, Actor by, DateTimeOffset now)
    {
        var position = RouteEngine.Enter(route, process, Data(state, customer, now, config.Calendar));
        return new QueueInquiry(position.Queue, position.Process, Deadline(config, state, position.Process, now), by, now);
    }

    /// <summary>Reopens a closed inquiry in its last step, whose deadline counts again from now.</summary>
    public static ReopenInquiry Reopen(ProjectConfig config, Inquiry state, string reason, Actor by, DateTimeOffset now) =>
        new(reason, by, now) { SlaDueAt = state.ProcessCode is { } process ? Deadline(config, state, process, now) : null };
}
