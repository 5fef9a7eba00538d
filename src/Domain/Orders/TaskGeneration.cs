using System.Text.Json.Nodes;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Orders;

/// <summary>Which tasks an ordered service needs: the catalogue's rules applied to the order, the service and the customer.</summary>
public static class TaskGeneration
{
    /// <summary>The codes of the task rules that hold, in the catalogue's order.</summary>
    public static IReadOnlyList<TaskRule> TasksFor(CatalogueService service, JsonObject data) =>
        [.. service.TaskRules.Where(rule => string.IsNullOrWhiteSpace(rule.Condition) || JsonLogicRule.Parse(rule.Condition).IsSatisfiedBy(data))];
}
