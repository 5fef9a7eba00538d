namespace Ktp.Domain.Orders;

/// <summary>A field the executor fills in when completing a task; its value becomes process variable <see cref="Code"/>.</summary>
public sealed record TaskFormField(string Code, ParameterType Type, string Label);

/// <summary>
/// The form of a user task, written in the diagram's <c>ktp:form</c> as fields separated by ";", each
/// <c>code:type:label</c> with type text, number, flag or date ("serial:text:Serial number;works:flag:It works").
/// </summary>
public static class TaskForm
{
    public static IReadOnlyList<TaskFormField> Parse(string? form)
    {
        if (string.IsNullOrWhiteSpace(form)) return [];
        var fields = new List<TaskFormField>();
        foreach (var part in form.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', 3, StringSplitOptions.TrimEntries);
            if (!CatalogueService.IsCode(pieces[0])) continue;
            var type = pieces.Length > 1 ? pieces[1].ToLowerInvariant() switch
            {
                "number" => ParameterType.Number,
                "flag" => ParameterType.Flag,
                "date" => ParameterType.Date,
                _ => ParameterType.Text,
            } : ParameterType.Text;
            fields.Add(new TaskFormField(pieces[0], type, pieces.Length > 2 && pieces[2].Length > 0 ? pieces[2] : pieces[0]));
        }
        return fields;
    }
}
