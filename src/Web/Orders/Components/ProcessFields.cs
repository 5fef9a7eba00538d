using System.Xml;
using System.Xml.Linq;
using Ktp.Domain.Orders;
using Ktp.Web.Components.Conditions;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Orders.Components;

/// <summary>
/// The data a condition of an order's process, or a task rule of a service, may read, by the names people know:
/// what the order intake gives every process (see OrderIntake.Variables), the parameters and task rules of the
/// services carried out by the process, and what the diagram's own forms and business rules write.
/// </summary>
public static class ProcessFields
{
    private static readonly XNamespace Ktp = "https://ktp.dev/bpmn";

    /// <summary>What a task rule reads: the service's parameters and the customer.</summary>
    public static IReadOnlyList<FieldOption> ForTaskRules(IEnumerable<ServiceParameter> parameters, IStringLocalizer L) =>
        [.. parameters.Where(p => CatalogueService.IsCode(p.Code)).Select(p => Field("service." + p.Code, p.Name, p.Type, L)), .. Customer(L)];

    /// <summary>What a flow's condition reads: the order's number and customer, the services' parameters and chosen tasks.</summary>
    public static IReadOnlyList<FieldOption> ForProcess(IEnumerable<CatalogueService> services, IStringLocalizer L)
    {
        var fields = new List<FieldOption> { new("orderNumber", L["Order number"]) };
        foreach (var service in services)
        {
            fields.AddRange(service.Parameters.Select(p => Field("service." + p.Code, p.Name, p.Type, L)));
            fields.AddRange(service.TaskRules.Select(r => Field("tasks." + r.Code, L["Task needed: {0}", r.Name], ParameterType.Flag, L)));
        }
        fields.AddRange(Customer(L));
        return Distinct(fields);
    }

    /// <summary>The variables the diagram itself writes: its user tasks' form fields and its business rules' results.</summary>
    public static IReadOnlyList<FieldOption> FromDiagram(string xml, IStringLocalizer L)
    {
        XDocument diagram;
        try
        {
            diagram = XDocument.Parse(xml);
        }
        catch (XmlException)
        {
            return [];
        }
        var fields = new List<FieldOption>();
        foreach (var element in diagram.Descendants())
        {
            foreach (var field in TaskForm.Parse((string?)element.Attribute(Ktp + "form")))
                fields.Add(Field(field.Code, field.Label, field.Type, L));
            if ((string?)element.Attribute(Ktp + "resultVariable") is { Length: > 0 } result)
                fields.Add(new FieldOption(result, L["Result of the rule “{0}”", (string?)element.Attribute("name") ?? result]));
        }
        return Distinct(fields);
    }

    public static IReadOnlyList<FieldOption> Distinct(IEnumerable<FieldOption> fields) => [.. fields.DistinctBy(f => f.Path)];

    private static IEnumerable<FieldOption> Customer(IStringLocalizer L) =>
    [
        new("customer.name", L["Customer's name"]),
        new("customer.phone", L["Customer's phone"]),
        new("customer.email", L["Customer's e-mail"]),
    ];

    private static FieldOption Field(string path, string name, ParameterType type, IStringLocalizer L) =>
        type == ParameterType.Flag ? new(path, name, [new Choice("true", L["Yes"]), new Choice("false", L["No"])]) : new(path, name);
}
