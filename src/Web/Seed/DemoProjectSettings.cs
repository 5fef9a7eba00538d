using Ktp.Domain.Access;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Web.Seed;

/// <summary>The demo project's route, SLA and lists.</summary>
public static class DemoProjectSettings
{
    private const string Phone = ContactChannels.Phone;

    public static RouteDefinition Route => new("standard", "Стандартный маршрут", 1, "first_line",
    [
        new ProcessDefinition("first_line", "Первая линия", [new QueueDefinition("general", "Общая очередь первой линии")], [], "general",
            [new Transition("""{"==":[{"var":"kind"},"consultation"]}""", Transition.Close)], "second_line"),
        new ProcessDefinition("second_line", "Вторая линия",
            [new QueueDefinition("vip", "VIP-клиенты"), new QueueDefinition("finance", "Финансовый отдел"), new QueueDefinition("second_general", "Общая очередь второй линии")],
            [
                new QueueRule("""{"==":[{"var":"customer.vip"},true]}""", "vip"),
                new QueueRule("""{">=":[{"var":"attributes.refund_amount"},10000]}""", "finance"),
            ],
            "second_general", [], "quality_control"),
        new ProcessDefinition("quality_control", "Контроль качества", [new QueueDefinition("qc", "Проверка качества")], [], "qc", [], Transition.Close),
    ]);

    /// <param name="groupManager">The demo project group manager, told by name when a refund is a working day late.</param>
    public static SlaSettings Sla(int year, Guid? groupManager) => new(
    [
        Policy(DemoProjectTopics.NewConnection, null, 24, 4),
        Policy(DemoProjectTopics.NewConnection, "first_line", 2, 0.5),
        Policy(DemoProjectTopics.ConnectionDelay, null, 8, 2),
        Policy(DemoProjectTopics.InvoiceQuestion, "first_line", 1, 0.25) with
        {
            Escalations = [new EscalationDocument(2, [Role.ProjectManager], [])],
        },
        Policy(DemoProjectTopics.PaymentMethodChange, null, 24, 4),
        Policy(DemoProjectTopics.Refund, null, 40, 8),
        Policy(DemoProjectTopics.Refund, "second_line", 16, 4) with
        {
            Escalations =
            [
                new EscalationDocument(1, [Role.Executor, Role.ProjectManager], []),
                groupManager is { } user
                    ? new EscalationDocument(12, [], [user.ToString()])
                    : new EscalationDocument(12, [Role.ProjectGroupManager], []),
            ],
        },
        Policy(DemoProjectTopics.RefundMissing, null, 8, 2),
    ],
    new CalendarDocument("Europe/Moscow",
        new Dictionary<DayOfWeek, string[]>
        {
            [DayOfWeek.Monday] = ["08:00-20:00"], [DayOfWeek.Tuesday] = ["08:00-20:00"], [DayOfWeek.Wednesday] = ["08:00-20:00"],
            [DayOfWeek.Thursday] = ["08:00-20:00"], [DayOfWeek.Friday] = ["08:00-20:00"], [DayOfWeek.Saturday] = ["10:00-16:00"],
        },
        [.. new[] { year, year + 1 }.SelectMany(RussianHolidays)]));

    /// <summary>The fixed public holidays of the Russian labour code (art. 112); transfers are left to the manager.</summary>
    private static IEnumerable<DateOnly> RussianHolidays(int year) =>
        Enumerable.Range(1, 8).Select(d => new DateOnly(year, 1, d))
            .Concat([new(year, 2, 23), new(year, 3, 8), new(year, 5, 1), new(year, 5, 9), new(year, 6, 12), new(year, 11, 4)]);

    private static SlaPolicyDocument Policy(Domain.Inquiries.TopicId topic, string? step, double hours, double warn) =>
        new(topic.ToString(), step, hours, warn);

    public static DictionariesDocument Dictionaries => new()
    {
        Dictionaries =
        [
            new ProjectDictionary
            {
                Code = "payment_methods", Name = "Способы оплаты",
                Items = [Item("card", "Банковская карта"), Item("sbp", "Система быстрых платежей"), Item("invoice", "Безналичный расчёт по счёту"),
                    Item("autopay", "Автоплатёж"), Item("cash", "Наличные в офисе", active: false)],
            },
        ],
    };

    public static CategoriesDocument Categories => new()
    {
        Categories = [Named("private", "Частное лицо"), Named("business", "Юридическое лицо"), Named("government", "Государственная организация")],
    };

    public static PrioritiesDocument Priorities => new()
    {
        Priorities =
        [
            new PriorityLevel { Code = "low", Name = "Низкий" }, new PriorityLevel { Code = "normal", Name = "Обычный", IsDefault = true },
            new PriorityLevel { Code = "high", Name = "Высокий" }, new PriorityLevel { Code = "critical", Name = "Критический" },
        ],
    };

    public static ContactPlacesDocument ContactPlaces => new()
    {
        Places =
        [
            new ContactPlace { Code = "call_center", Name = "Контакт-центр", Kind = ContactPlaceKind.CallCenter, Directions = [ContactDirections.In, ContactDirections.Out],
                Channels = [Phone, ContactChannels.Email, ContactChannels.Sms, ContactChannels.Telegram, ContactChannels.WhatsApp] },
            new ContactPlace { Code = "office", Name = "Офис продаж на Тверской", Kind = ContactPlaceKind.Office, Directions = [ContactDirections.In], Channels = [ContactChannels.Visit] },
            new ContactPlace { Code = "website", Name = "Личный кабинет на сайте", Kind = ContactPlaceKind.Website, Directions = [ContactDirections.In],
                Channels = [ContactChannels.Web, ContactChannels.Email] },
        ],
    };

    /// <param name="outboundOperator">The demo operator who makes outbound calls and gets a template of their own.</param>
    public static TemplatesDocument Templates(Guid? outboundOperator) => new()
    {
        Templates =
        [
            .. outboundOperator is { } user
                ? [new OperatorTemplate
                {
                    Name = "Исходящий обзвон", Subject = TemplateSubject.User, SubjectId = user.ToString(),
                    ContactPlaces = ["call_center"], DefaultContactPlace = "call_center", Directions = [ContactDirections.Out], DefaultDirection = ContactDirections.Out,
                    Channels = [Phone], DefaultChannel = Phone, Topics = [DemoProjectTopics.NewConnection.ToString(), DemoProjectTopics.ConnectionTerms.ToString()],
                    DefaultTopic = DemoProjectTopics.NewConnection.ToString(), DefaultCustomerCategory = "private",
                }]
                : Array.Empty<OperatorTemplate>(),
            new OperatorTemplate
            {
                Name = "Оператор первой линии", Subject = TemplateSubject.Role, SubjectId = Role.Operator,
                ContactPlaces = ["call_center"], DefaultContactPlace = "call_center", Directions = [ContactDirections.In, ContactDirections.Out], DefaultDirection = ContactDirections.In,
                Channels = [Phone, ContactChannels.Email, ContactChannels.Telegram, ContactChannels.WhatsApp], DefaultChannel = Phone,
                DefaultTopic = DemoProjectTopics.InvoiceQuestion.ToString(), CustomerCategories = ["private", "business"], DefaultCustomerCategory = "private",
            },
            new OperatorTemplate
            {
                Name = "Бэк-офис", Subject = TemplateSubject.Role, SubjectId = Role.Executor,
                ContactPlaces = ["call_center", "website"], DefaultContactPlace = "website", Directions = [ContactDirections.In], DefaultDirection = ContactDirections.In,
                Channels = [ContactChannels.Web, ContactChannels.Email], DefaultChannel = ContactChannels.Email,
                Topics = [DemoProjectTopics.Refund.ToString(), DemoProjectTopics.RefundMissing.ToString(), DemoProjectTopics.PaymentMethodChange.ToString()],
            },
        ],
    };

    public static VipDocument Vip => new()
    {
        Customers =
        [
            new VipCustomer { Identifier = "ДОГ-2024-000177", Note = "ООО «Ромашка», генеральный директор" },
            new VipCustomer { Identifier = "+7 495 123-45-67", Note = "Клиент с 2012 года" },
            new VipCustomer { Identifier = "ДОГ-2023-004512", Note = "Министерство, ответственный за связь" },
        ],
    };

    private static DictionaryItem Item(string code, string label, bool active = true) => new() { Code = code, Label = label, Active = active };

    private static CodeName Named(string code, string name) => new() { Code = code, Name = name };
}
