using System.Text.Json;
using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projects;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Benchmarks;

/// <summary>
/// The project every benchmark tenant gets: 12 topics in two attribute groups (billing: contract + amount;
/// technical: region + device) plus 4 ungrouped ones, a two-process route with rule-chosen queues
/// (first line: vip / written / general; second line: billing / tech), and SLA per topic and step.
/// Ids are new per tenant, like projects configured by hand; the documents go through the same JSON
/// (<see cref="EventTypeRegistry.Json"/>) the app saves and <see cref="ProjectConfigStore"/> reads.
/// </summary>
public static class InquiryBenchCatalog
{
    public const string RouteId = "main";
    public const string FirstLine = "first_line";
    public const string SecondLine = "second_line";

    /// <summary>Every queue of the route: the queue page is measured over these.</summary>
    public static readonly string[] Queues = ["general", "vip", "written", "billing", "tech"];

    public static readonly string[] Channels = ["phone", "email", "chat", "web"];
    public static readonly double[] ChannelWeights = [0.55, 0.20, 0.15, 0.10];
    public static readonly string[] Priorities = ["normal", "high", "low"];
    public static readonly double[] PriorityWeights = [0.75, 0.15, 0.10];

    /// <summary>Values of the technical topics' required <c>region</c> attribute, most common first.</summary>
    public static readonly string[] Regions = ["Москва", "Санкт-Петербург", "Московская область", "Екатеринбург", "Новосибирск", "Казань", "Краснодар", "Самара"];
    public static readonly double[] RegionWeights = [0.30, 0.18, 0.14, 0.10, 0.09, 0.08, 0.06, 0.05];

    public static readonly string[] Devices = ["Роутер ZX-300", "Роутер ZX-500", "ТВ-приставка M2", "ONT GPON-4", "Mesh W6", "Модем LTE-3"];
    public static readonly string[] QuestionTypes = ["тарифы", "зона покрытия", "оплата", "документы", "акции"];

    /// <summary>Topic templates: name, kind, group (billing / tech / none), own attributes, share of inquiries, SLA hours.</summary>
    private sealed record TopicTemplate(string Name, TopicKind Kind, string? Group, double Share, double SlaHours, Func<AttributeDefinition[]> Own);

    private static readonly TopicTemplate[] Templates =
    [
        new("Жалоба на списание", TopicKind.Complaint, "billing", 0.08, 4, () => []),
        new("Возврат средств", TopicKind.Request, "billing", 0.05, 8, () => []),
        new("Вопрос по счёту", TopicKind.Consultation, "billing", 0.12, 2, () => []),
        new("Смена тарифа", TopicKind.Request, "billing", 0.07, 8, () => []),
        new("Нет связи", TopicKind.Complaint, "tech", 0.10, 4, () => []),
        new("Низкая скорость", TopicKind.Complaint, "tech", 0.08, 4, () => []),
        new("Настройка оборудования", TopicKind.Request, "tech", 0.07, 8, () => [new AttributeDefinition("callback", "Перезвонить", AttributeType.Boolean)]),
        new("Подключение услуги", TopicKind.Request, "tech", 0.06, 16, () => [new AttributeDefinition("visit_date", "Дата визита", AttributeType.Date)]),
        new("Общая консультация", TopicKind.Consultation, null, 0.20, 2, () => [new AttributeDefinition("question", "Тип вопроса", AttributeType.String) { MaxLength = 100 }]),
        new("Отзыв о работе", TopicKind.Consultation, null, 0.05, 24, () => [new AttributeDefinition("rating", "Оценка", AttributeType.Decimal) { Min = 1, Max = 5 }]),
        new("Претензия", TopicKind.Complaint, null, 0.04, 24, () =>
        [
            new AttributeDefinition("contract", "Номер договора", AttributeType.String) { Required = FlagRule.Always, MaxLength = 40 },
            new AttributeDefinition("amount", "Сумма", AttributeType.Decimal) { Min = 0 },
        ]),
        new("Прочее", TopicKind.Consultation, null, 0.08, 4, () => []),
    ];

    public static readonly double[] TopicShares = [.. Templates.Select(t => t.Share)];

    /// <summary>Indexes (in the topic list) of the topics that carry the <c>region</c> attribute.</summary>
    public static readonly int[] RegionTopics = [.. Templates.Select((t, i) => (t, i)).Where(x => x.t.Group == "tech").Select(x => x.i)];

    public static TopicConfiguration Topics()
    {
        var billing = new TopicGroup(TopicGroupId.New(), "Биллинг", null)
        {
            Attributes =
            [
                new AttributeDefinition("contract", "Номер договора", AttributeType.String) { Required = FlagRule.Always, MaxLength = 40 },
                new AttributeDefinition("amount", "Сумма", AttributeType.Decimal) { Min = 0 },
            ],
        };
        var tech = new TopicGroup(TopicGroupId.New(), "Техническая поддержка", null)
        {
            Attributes =
            [
                new AttributeDefinition("region", "Регион", AttributeType.String) { Required = FlagRule.Always, MaxLength = 100 },
                new AttributeDefinition("device", "Оборудование", AttributeType.String) { MaxLength = 100 },
            ],
        };
        var topics = Templates.Select(t => new Topic(TopicId.New(), t.Group switch { "billing" => billing.Id, "tech" => tech.Id, _ => null }, t.Name, t.Kind)
        {
            Attributes = t.Own(),
        }).ToList();
        return new TopicConfiguration([billing, tech], topics);
    }

    public static RouteDefinition Route() => new(RouteId, "Основной маршрут", 1, FirstLine,
    [
        new ProcessDefinition(FirstLine, "Первая линия",
            [new QueueDefinition("general", "Общая"), new QueueDefinition("vip", "VIP"), new QueueDefinition("written", "Письменные")],
            [
                new QueueRule("""{"==":[{"var":"customer.vip"},true]}""", "vip"),
                new QueueRule("""{"in":[{"var":"channel"},["email","web"]]}""", "written"),
            ],
            "general", [], SecondLine),
        new ProcessDefinition(SecondLine, "Вторая линия",
            [new QueueDefinition("billing", "Биллинг"), new QueueDefinition("tech", "Техника")],
            [new QueueRule("""{">":[{"var":"attributes.amount"},0]}""", "billing")],
            "tech", [], Transition.Close),
    ]);

    /// <summary>SLA per topic (first line) and 16 working hours for the second line; office hours or round the clock.</summary>
    public static SlaSettings Sla(TopicConfiguration topics, bool roundTheClock)
    {
        var policies = new List<SlaPolicyDocument>();
        for (var i = 0; i < topics.Topics.Count; i++)
        {
            var code = topics.Topics[i].Id.ToString();
            policies.Add(new SlaPolicyDocument(code, null, Templates[i].SlaHours, Templates[i].SlaHours / 4));
            policies.Add(new SlaPolicyDocument(code, SecondLine, 16, 2));
        }
        var calendar = CalendarDocument.Default;
        if (roundTheClock)
        {
            var allDay = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => new[] { "00:00-24:00" });
            calendar = new CalendarDocument("Europe/Moscow", allDay, []);
        }
        return new SlaSettings(policies, calendar);
    }

    /// <summary>The project configuration exactly as <see cref="ProjectConfigStore.CurrentAsync"/> builds it from the stored documents.</summary>
    public static ProjectConfig Config(Guid projectId, string name, string topicsJson, string slaJson, string routeJson, int archiveAfterDays)
    {
        var topics = JsonSerializer.Deserialize<TopicConfiguration>(topicsJson, EventTypeRegistry.Json)!;
        var sla = JsonSerializer.Deserialize<SlaSettings>(slaJson, EventTypeRegistry.Json)!;
        var route = JsonSerializer.Deserialize<RouteDefinition>(routeJson, EventTypeRegistry.Json)!;
        return new ProjectConfig(projectId, name, new TopicCatalog(topics), route, sla.Calendar.Policies(sla.Policies),
            sla.Calendar.ToCalendar(), new PrioritiesDocument(), 10 * 1024 * 1024, archiveAfterDays);
    }

    /// <summary>Attribute text for a new inquiry on <paramref name="topic"/>, as an operator fills the form.</summary>
    public static Dictionary<string, string?> Attributes(EffectiveTopic topic, Random rng, string? customerContract)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var a in topic.Attributes)
        {
            string? text = a.Code switch
            {
                "contract" => customerContract ?? $"Д-{rng.Next(100000, 999999)}",
                "amount" => rng.NextDouble() < 0.7 ? (Math.Round(rng.NextDouble() * rng.NextDouble() * 5000, 2)).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                "region" => Pick(Regions, RegionWeights, rng),
                "device" => rng.NextDouble() < 0.6 ? Devices[rng.Next(Devices.Length)] : null,
                "callback" => rng.NextDouble() < 0.5 ? "true" : "false",
                "visit_date" => rng.NextDouble() < 0.8 ? DateTime.UtcNow.AddDays(rng.Next(-60, 14)).ToString("yyyy-MM-dd") : null,
                "question" => QuestionTypes[rng.Next(QuestionTypes.Length)],
                "rating" => rng.NextDouble() < 0.9 ? rng.Next(1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                _ => null,
            };
            if (text is not null) values[a.Code] = text;
        }
        return values;
    }

    public static T Pick<T>(IReadOnlyList<T> items, IReadOnlyList<double> weights, Random rng)
    {
        var x = rng.NextDouble() * weights.Sum();
        for (var i = 0; i < items.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return items[i];
        }
        return items[^1];
    }

    public static int PickIndex(IReadOnlyList<double> weights, Random rng)
    {
        var x = rng.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Count - 1;
    }
}
