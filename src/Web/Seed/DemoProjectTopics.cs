using Ktp.Domain.Inquiries;

namespace Ktp.Web.Seed;

/// <summary>The demo project's topic tree: connection, billing with refunds nested, and one topic outside any group.</summary>
public static class DemoProjectTopics
{
    public static readonly TopicGroupId Connection = G("0001");
    public static readonly TopicGroupId Billing = G("0002");
    public static readonly TopicGroupId Refunds = G("0003");

    public static readonly TopicId NewConnection = T("0101");
    public static readonly TopicId ConnectionTerms = T("0102");
    public static readonly TopicId ConnectionDelay = T("0103");
    public static readonly TopicId InvoiceQuestion = T("0201");
    public static readonly TopicId PaymentMethodChange = T("0202");
    public static readonly TopicId Refund = T("0301");
    public static readonly TopicId RefundMissing = T("0302");
    public static readonly TopicId Other = T("0901");

    /// <summary>Required when the contact came by phone: the rule the demo shows off.</summary>
    public const string ContractRequiredByPhone = """{"==":[{"var":"channel"},"phone"]}""";

    public static TopicConfiguration Configuration => new(
    [
        new TopicGroup(Connection, "Подключение", null)
        {
            AttributeGroups = [new AttributeGroup("address", "Адрес подключения")],
            Attributes =
            [
                new AttributeDefinition("address", "Адрес", AttributeType.String) { GroupCode = "address", Required = FlagRule.Always, MaxLength = 300 },
                new AttributeDefinition("flat", "Квартира / офис", AttributeType.String) { GroupCode = "address", MaxLength = 20 },
                new AttributeDefinition("connection_date", "Желаемая дата подключения", AttributeType.Date),
                new AttributeDefinition("tariff", "Тариф", AttributeType.ExternalDictionary) { Source = "billing.tariffs" },
            ],
        },
        new TopicGroup(Billing, "Оплата и счета", null)
        {
            AttributeGroups = [new AttributeGroup("payment", "Платёж") { CollapsedByDefault = true }],
            Attributes =
            [
                new AttributeDefinition("contract_no", "Номер договора", AttributeType.String) { Required = FlagRule.When(ContractRequiredByPhone), MaxLength = 20 },
                new AttributeDefinition("payment_method", "Способ оплаты", AttributeType.Dictionary) { GroupCode = "payment", DictionaryCode = "payment_methods" },
                new AttributeDefinition("invoice_month", "Расчётный период", AttributeType.Date) { GroupCode = "payment" },
            ],
        },
        new TopicGroup(Refunds, "Возвраты", Billing)
        {
            Attributes =
            [
                new AttributeDefinition("refund_amount", "Сумма возврата, ₽", AttributeType.Decimal) { Required = FlagRule.Always, Min = 0, Max = 1_000_000 },
                new AttributeDefinition("refund_to_card", "Вернуть на карту", AttributeType.Boolean) { Default = "true" },
                new AttributeDefinition("card_last4", "Последние 4 цифры карты", AttributeType.String)
                {
                    MaxLength = 4,
                    Required = FlagRule.When("""{"==":[{"var":"attributes.refund_to_card"},true]}"""),
                    Hidden = FlagRule.When("""{"==":[{"var":"attributes.refund_to_card"},false]}"""),
                },
            ],
        },
    ],
    [
        new Topic(NewConnection, Connection, "Подключение нового абонента", TopicKind.Request)
        {
            Attributes = [new AttributeDefinition("promo_code", "Промокод", AttributeType.String) { MaxLength = 32 }],
        },
        new Topic(ConnectionTerms, Connection, "Условия и стоимость подключения", TopicKind.Consultation),
        new Topic(ConnectionDelay, Connection, "Жалоба на сроки подключения", TopicKind.Complaint)
        {
            Attributes =
            [
                new AttributeDefinition("promised_date", "Обещанная дата подключения", AttributeType.Date) { Required = FlagRule.Always },
                new AttributeDefinition("compensation", "Предложена компенсация", AttributeType.Boolean) { Default = "false", ReadOnly = FlagRule.When("""{"!=":[{"var":"process"},"quality_control"]}""") },
            ],
        },
        new Topic(InvoiceQuestion, Billing, "Вопрос по счёту", TopicKind.Consultation),
        new Topic(PaymentMethodChange, Billing, "Смена способа оплаты", TopicKind.Request)
        {
            Attributes = [new AttributeDefinition("payment_method", "Новый способ оплаты", AttributeType.Dictionary) { GroupCode = "payment", DictionaryCode = "payment_methods", Required = FlagRule.Always }],
        },
        new Topic(Refund, Refunds, "Возврат переплаты", TopicKind.Request),
        new Topic(RefundMissing, Refunds, "Жалоба на непоступивший возврат", TopicKind.Complaint)
        {
            Attributes =
            [
                new AttributeDefinition("previous_inquiry", "Предыдущее обращение", AttributeType.DynamicQuery)
                {
                    QueryName = "customer_inquiries", QueryParameters = new Dictionary<string, string> { ["status"] = "closed", ["topic_group"] = "refunds" },
                },
            ],
        },
        new Topic(Other, null, "Другой вопрос", TopicKind.Consultation),
    ]);

    private static TopicGroupId G(string n) => TopicGroupId.From(Guid.Parse($"d3e0a000-0000-4000-8000-00000000{n}"));

    private static TopicId T(string n) => TopicId.From(Guid.Parse($"d3e0b000-0000-4000-8000-00000000{n}"));
}
