using System.Globalization;

namespace Ktp.Domain.Orders;

public enum OrderMilestone { Placed, Done, Failed, Cancelled }

/// <summary>A message to the customer about their order.</summary>
public sealed record OrderNotice(string Subject, string Body);

/// <summary>
/// The messages a customer gets at the order's milestones, in the workspace's language (Russian or English). The
/// channel is e-mail for now; SMS and messengers come with the channels module.
/// </summary>
public static class OrderNotices
{
    public static OrderNotice For(OrderMilestone milestone, string culture, long number, string customer, string company, string? reason)
    {
        var russian = culture.StartsWith("ru", StringComparison.OrdinalIgnoreCase);
        var n = number.ToString(CultureInfo.InvariantCulture);
        return (milestone, russian) switch
        {
            (OrderMilestone.Placed, true) => new($"Заказ № {n} принят", $"{customer}, здравствуйте!\n\nМы приняли ваш заказ № {n} и начали работу. Сообщим, когда всё будет готово.\n\n{company}"),
            (OrderMilestone.Placed, false) => new($"Order {n} received", $"Dear {customer},\n\nWe have received your order {n} and started work on it. We will let you know when it is done.\n\n{company}"),
            (OrderMilestone.Done, true) => new($"Заказ № {n} выполнен", $"{customer}, здравствуйте!\n\nВаш заказ № {n} выполнен. Спасибо, что выбрали нас.\n\n{company}"),
            (OrderMilestone.Done, false) => new($"Order {n} is done", $"Dear {customer},\n\nYour order {n} is done. Thank you for choosing us.\n\n{company}"),
            (OrderMilestone.Failed, true) => new($"Заказ № {n}: нужна помощь", $"{customer}, здравствуйте!\n\nВыполнить заказ № {n} не удалось. Мы свяжемся с вами, чтобы решить, как быть дальше.\n\n{company}"),
            (OrderMilestone.Failed, false) => new($"Order {n}: we need to talk", $"Dear {customer},\n\nWe could not complete your order {n}. We will contact you to agree on what to do next.\n\n{company}"),
            (OrderMilestone.Cancelled, true) => new($"Заказ № {n} отменён", $"{customer}, здравствуйте!\n\nЗаказ № {n} отменён. Причина: {reason}.\n\n{company}"),
            (OrderMilestone.Cancelled, false) => new($"Order {n} cancelled", $"Dear {customer},\n\nOrder {n} has been cancelled. Reason: {reason}.\n\n{company}"),
            _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, null),
        };
    }
}
