using System.Text.Json;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Inquiries;

namespace Ktp.Benchmarks;

/// <summary>One contact to generate: which tenant, when, and how many inquiries it holds.</summary>
public readonly record struct ContactSlot(int Tenant, long AtTicks, int Inquiries);

/// <summary>An <c>es.mt_streams</c> row; Marten stamps a stream when it is started and leaves the time alone on later appends.</summary>
public sealed record StreamRow(Guid TenantId, Guid StreamId, long Version, DateTimeOffset CreatedAt);

/// <summary>An <c>es.mt_events</c> row: the registry's name and JSON, the event class, the metadata as <c>EventStore.AppendAsync</c> gives it to Marten.</summary>
public sealed record EventRow(Guid TenantId, Guid StreamId, long Version, string EventType, Type DotnetType, string Data, EventMetadata Metadata, DateTimeOffset CreatedAt);

public sealed record ContactRow(Guid TenantId, Guid ContactId, Guid ProjectId, Guid? CustomerId, string Direction, string Channel, string? ContactPlace,
    Guid? OperatorId, string OperatorName, DateTimeOffset RegisteredAt);

/// <summary>An <c>inquiries</c> row: the same values <see cref="InquiryProjection"/> writes for the folded stream.</summary>
public sealed record ReadModelRow(
    Guid TenantId, Guid InquiryId, Guid ProjectId, Guid ContactId, Guid? CustomerId, Guid? ParentId, Guid TopicId, string TopicName,
    string Kind, string Channel, string Priority, string Status, string? ProcessCode, string? QueueCode, Guid? AssigneeId, string? AssigneeName,
    Guid? ResponsibleId, DateTimeOffset? SlaDueAt, bool SlaBreached, string Attributes, string? RouteId, int? RouteVersion, Guid? ProblemId,
    DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt, long Version, long Number);

/// <summary>
/// An SLA timer as <see cref="SlaTimer.ScheduleForAsync"/> sets it: a row in <c>scheduled_message_keys</c> and a scheduled
/// <see cref="SlaDeadlineDue"/>, which is still waiting when <paramref name="Pending"/> (a fired one has left no envelope).
/// </summary>
public sealed record SlaTimerRow(Guid TenantId, Guid InquiryId, DateTimeOffset DueAt, DateTimeOffset ScheduledAt, bool Pending)
{
    public string Key => SlaTimer.KeyOf(InquiryId, DueAt);
}

public sealed class SeedChunk
{
    public List<StreamRow> Streams { get; } = [];
    public List<EventRow> Events { get; } = [];
    public List<ContactRow> Contacts { get; } = [];
    public List<ReadModelRow> Inquiries { get; } = [];
    public List<SlaTimerRow> SlaTimers { get; } = [];
}

/// <summary>
/// Produces inquiries the way the app does, through the domain: <see cref="InquiryDecisions.Decide"/> on
/// <see cref="RegisterInquiry"/> + the route's <see cref="InquiryRouting.Enter"/> (as <see cref="RegisterContact"/>),
/// then take, comment, complete step / close as <see cref="InquiryWork"/> decides them, and SLA breaches where
/// the SLA timer (<see cref="SlaTimer"/>) would have recorded them. Each command batch is one append with
/// its own metadata; events are named and serialized by the app's <see cref="EventTypeRegistry"/>.
/// </summary>
/// <remarks>
/// Life of an inquiry (wall-clock durations, log-normal): taken after a median 40 min in the first-line queue,
/// handled in a median 20 min; 65 % are closed there, 35 % go to the second line (median 3 h wait, 1 h work) and
/// are closed by the route. 3 % / 4 % are never taken from the first / second queue, 2 % stay in work, 15 % get a
/// comment. Whatever would happen after "now" has not happened: recent inquiries are still open.
/// </remarks>
public sealed class InquiryBenchGenerator(IReadOnlyList<SeedTenant> tenants, DateTimeOffset now, EventTypeRegistry registry)
{
    public DateTimeOffset Now { get; } = now;
    public EventTypeRegistry Registry { get; } = registry;

    public const int SeedDays = 90;

    /// <summary>
    /// Timers due within this time after "now" are not scheduled: they would come due while the benchmark runs, and its
    /// host runs no handlers (none may append while the seeder writes its own sequence numbers), so they would be
    /// dispatched to its error queue and upset the message checks. Nothing breaches them during the run either way.
    /// </summary>
    public static readonly TimeSpan UnscheduledHorizon = TimeSpan.FromHours(2);
    private const double TwoInquiryContacts = 0.10;
    private const double WithCustomer = 0.75;
    private const double StuckWaitingFirst = 0.03, StuckInWork = 0.02, StuckWaitingSecond = 0.04;
    private const double SecondLineShare = 0.35, CommentShare = 0.15;

    private static readonly string[] Results = ["Проконсультировали клиента", "Проблема устранена", "Передано во вторую линию", "Выполнен перерасчёт"];
    private static readonly string[] Comments = ["Клиенту перезвонили, уточнили детали.", "Запрошены документы у клиента.", "Ожидаем ответа смежного отдела."];

    /// <summary>Every contact of every tenant over the last <see cref="SeedDays"/> days, in time order (tenants interleave as in production).</summary>
    public static ContactSlot[] Slots(IReadOnlyList<SeedTenant> tenants, DateTimeOffset now, int seed)
    {
        var rng = new Random(seed + 1);
        var slots = new List<ContactSlot>(tenants.Sum(t => t.Inquiries));
        var span = TimeSpan.FromDays(SeedDays).Ticks;
        var moscow = TimeSpan.FromHours(3);
        foreach (var tenant in tenants)
        {
            var left = tenant.Inquiries;
            while (left > 0)
            {
                var count = left >= 2 && rng.NextDouble() < TwoInquiryContacts ? 2 : 1;
                long at;
                do at = now.UtcTicks - 60 * TimeSpan.TicksPerSecond - (long)(rng.NextDouble() * span);
                while (!Daytime(new DateTime(at).Add(moscow).Hour) && rng.NextDouble() > 0.15); // most contacts come 08:00–21:00 MSK
                slots.Add(new ContactSlot(tenant.Index, at, count));
                left -= count;
            }
        }
        var array = slots.ToArray();
        Array.Sort(array, (a, b) => a.AtTicks.CompareTo(b.AtTicks));
        return array;
    }

    private static bool Daytime(int hour) => hour is >= 8 and < 21;

    public SeedChunk Generate(ArraySegment<ContactSlot> slots, int seed)
    {
        var rng = new Random(seed);
        var chunk = new SeedChunk();
        foreach (var slot in slots) Contact(chunk, tenants[slot.Tenant], slot, rng);
        return chunk;
    }

    private void Contact(SeedChunk chunk, SeedTenant tenant, ContactSlot slot, Random rng)
    {
        var t0 = new DateTimeOffset(slot.AtTicks, TimeSpan.Zero);
        var by = tenant.Operators[rng.Next(tenant.Operators.Length)];
        var customer = rng.NextDouble() < WithCustomer ? tenant.Customers[Skewed(rng, tenant.Customers.Length)] : null;
        var channel = InquiryBenchCatalog.Pick(InquiryBenchCatalog.Channels, InquiryBenchCatalog.ChannelWeights, rng);
        var contactId = Guid.CreateVersion7(t0);
        chunk.Contacts.Add(new ContactRow(tenant.TenantId, contactId, tenant.ProjectId, customer?.Id, rng.NextDouble() < 0.9 ? "in" : "out", channel,
            rng.NextDouble() < 0.3 ? "Колл-центр" : null, by.UserId, by.Name, t0));
        for (var i = 0; i < slot.Inquiries; i++) AddInquiry(chunk, tenant, t0, by, contactId, customer, channel, rng);
    }

    /// <summary>Customers repeat: a quarter of them bring most contacts.</summary>
    private static int Skewed(Random rng, int count) => rng.NextDouble() < 0.6 ? rng.Next(Math.Max(1, count / 4)) : rng.Next(count);

    private void AddInquiry(SeedChunk chunk, SeedTenant tenant, DateTimeOffset t0, Actor by, Guid contactId, BenchCustomer? customer, string channel, Random rng)
    {
        var config = tenant.Config;
        var route = tenant.Route;
        var topicIndex = InquiryBenchCatalog.PickIndex(InquiryBenchCatalog.TopicShares, rng);
        var topic = config.Topics.Effective(config.Topics.Topics[topicIndex].Id);
        var priority = InquiryBenchCatalog.Pick(InquiryBenchCatalog.Priorities, InquiryBenchCatalog.PriorityWeights, rng);
        var facts = customer?.Facts;
        var inquiryId = Guid.CreateVersion7(t0);
        var life = new Life(this, tenant, inquiryId, t0);

        // RegisterContact: register + enter the route's start process, one append, one SLA timer.
        var register = new RegisterInquiry(new InquiryId(inquiryId), new ProjectId(tenant.ProjectId), new ContactId(contactId),
            customer is null ? null : new CustomerId(customer.Id), topic, channel, priority,
            InquiryBenchCatalog.Attributes(topic, rng, customer?.Contract), by, t0) { Route = route.Ref, Customer = facts, Number = tenant.NextInquiryNumber() };
        var registered = Ktp.Domain.Inquiries.Inquiry.From(InquiryDecisions.Decide(new Inquiry(), register));
        life.Append(t0, Operator(by), register, InquiryRouting.Enter(config, route, registered, route.StartProcess, facts, by, t0));

        var t = t0;
        var first = tenant.Operators[rng.Next(tenant.Operators.Length)];
        if (Work(life, rng, ref t, first, StuckWaitingFirst, median: TimeSpan.FromMinutes(40), sigma: 1.6, handling: TimeSpan.FromMinutes(20)))
        {
            if (rng.NextDouble() >= SecondLineShare)
                life.Append(t, Operator(first), new CloseInquiry(Results[rng.Next(Results.Length)], topic, first, t));
            else
            {
                life.CompleteStep(t, first, Results[rng.Next(Results.Length)], topic);
                var second = tenant.Operators[rng.Next(tenant.Operators.Length)];
                if (Work(life, rng, ref t, second, StuckWaitingSecond, median: TimeSpan.FromHours(3), sigma: 1.3, handling: TimeSpan.FromHours(1)))
                    life.CompleteStep(t, second, Results[rng.Next(Results.Length)], topic);
            }
        }
        life.Finish(chunk, topic.Topic.Name);
    }

    /// <summary>Waits in the queue, is taken, maybe commented, and handled; false when "now" comes first or it gets stuck.</summary>
    private static bool Work(Life life, Random rng, ref DateTimeOffset t, Actor worker, double stuckWaiting, TimeSpan median, double sigma, TimeSpan handling)
    {
        if (rng.NextDouble() < stuckWaiting) return false;
        t += LogNormal(rng, median, sigma);
        if (t > life.Now) return false;
        life.Append(t, Operator(worker), new TakeInquiry(worker, t));
        var handle = LogNormal(rng, handling, 1.2);
        if (rng.NextDouble() < CommentShare && t + handle / 2 <= life.Now)
            life.Append(t + handle / 2, Operator(worker), new AddComment(Comments[rng.Next(Comments.Length)], worker, t + handle / 2));
        if (rng.NextDouble() < StuckInWork) return false;
        t += handle;
        return t <= life.Now;
    }

    private static TimeSpan LogNormal(Random rng, TimeSpan median, double sigma)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        return TimeSpan.FromTicks((long)(median.Ticks * Math.Exp(sigma * normal)));
    }

    /// <summary>What <c>CurrentSession.Metadata()</c> gives an operator's command.</summary>
    private static EventMetadata Operator(Actor by) => new(by.UserId, by.Name, Guid.NewGuid());

    /// <summary>One inquiry's stream being written: state, appends, SLA timers.</summary>
    private sealed class Life(InquiryBenchGenerator g, SeedTenant tenant, Guid inquiryId, DateTimeOffset registeredAt)
    {
        private readonly Inquiry _state = new();
        private readonly List<object> _events = [];
        private readonly List<(object Event, EventMetadata Metadata, DateTimeOffset At)> _stored = [];
        private readonly List<(DateTimeOffset Due, DateTimeOffset Created, bool Fired)> _timers = [];

        public DateTimeOffset Now => g.Now;

        /// <summary>As <see cref="InquiryStream.DecideAsync"/>: each command decided on the state left by the previous one, appended together.</summary>
        public void Append(DateTimeOffset at, EventMetadata metadata, params InquiryCommand[] commands)
        {
            FireTimers(at);
            Decide(at, metadata, commands);
        }

        private List<object> Decide(DateTimeOffset at, EventMetadata metadata, InquiryCommand[] commands)
        {
            var decided = new List<object>();
            foreach (var command in commands)
            {
                var produced = InquiryDecisions.Decide(_state, command);
                foreach (var e in produced) _state.Apply(e);
                decided.AddRange(produced);
            }
            foreach (var e in decided)
            {
                _events.Add(e);
                _stored.Add((e, metadata, at));
            }
            foreach (var queued in decided.OfType<InquiryQueued>())
                if (queued.SlaDueAt is { } due && !_timers.Any(x => x.Due == due)) _timers.Add((due, at, false));
            return decided;
        }

        /// <summary>As <c>InquiryWork.CompleteStepAsync</c>: processed, then the route's next process or close.</summary>
        public void CompleteStep(DateTimeOffset at, Actor by, string result, EffectiveTopic topic)
        {
            FireTimers(at);
            var processed = new MarkProcessed(result, by, at);
            var after = Ktp.Domain.Inquiries.Inquiry.From([.. _events, .. InquiryDecisions.Decide(_state, processed)]);
            var route = tenant.Route;
            var step = RouteEngine.NextStep(route.Process(_state.ProcessCode!), InquiryRouting.Data(after, null, at, tenant.Config.Calendar));
            InquiryCommand next = step.IsClose
                ? new CloseInquiry(result, topic, by, at) { ByManager = true }
                : InquiryRouting.Enter(tenant.Config, route, after, step.Process!, null, by, at);
            Decide(at, Operator(by), [processed, next]);
        }

        /// <summary>
        /// Timers due before <paramref name="until"/> fire in order; as <see cref="SlaTimer.HandleAsync"/>, one still on that
        /// deadline and not closed records the breach (no escalation mail: no project member holds inquiries.manage).
        /// </summary>
        private void FireTimers(DateTimeOffset until)
        {
            for (var i = 0; i < _timers.Count; i++)
            {
                var (due, created, fired) = _timers[i];
                if (fired || due >= until) continue;
                _timers[i] = (due, created, true);
                if (_state.Status is InquiryStatus.Closed or InquiryStatus.Archived || _state.SlaDueAt != due) continue;
                var step = _state.ProcessCode ?? "registration";
                Decide(due, new EventMetadata(UserName: "sla", CorrelationId: Guid.NewGuid()), [new RecordSlaBreach(step, due, due, Actor.System, due)]);
            }
        }

        public void Finish(SeedChunk chunk, string topicName)
        {
            FireTimers(g.Now);
            var tenantId = tenant.TenantId;
            for (var i = 0; i < _stored.Count; i++)
            {
                var (e, metadata, at) = _stored[i];
                chunk.Events.Add(new EventRow(tenantId, inquiryId, i + 1, g.Registry.NameOf(e), e.GetType(), g.Registry.Serialize(e), metadata, at));
            }
            chunk.Streams.Add(new StreamRow(tenantId, inquiryId, _stored.Count, registeredAt));
            foreach (var (due, created, _) in _timers)
                chunk.SlaTimers.Add(new SlaTimerRow(tenantId, inquiryId, due, created, Pending: due > g.Now + UnscheduledHorizon));

            // The InquiryProjection's mapping of the folded state.
            var s = _state;
            chunk.Inquiries.Add(new ReadModelRow(tenantId, s.Id.Value, s.ProjectId.Value, s.ContactId.Value, s.CustomerId?.Value, s.ParentId?.Value,
                s.TopicId.Value, topicName, s.Kind.ToString(), s.Channel, s.Priority, s.Status.ToString(), s.ProcessCode, s.QueueCode,
                s.Assignee?.UserId, s.Assignee?.Name, s.Responsible?.UserId, s.SlaDueAt, s.Breaches.Any(b => b.DueAt == s.SlaDueAt),
                JsonSerializer.Serialize(s.Attributes), s.Route?.RouteId, s.Route?.Version, s.Problems.Count > 0 ? s.Problems[^1] : null,
                s.RegisteredAt, s.UpdatedAt, s.ClosedAt, _stored.Count, s.Number));
        }
    }
}
