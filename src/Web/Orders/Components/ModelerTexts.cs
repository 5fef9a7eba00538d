namespace Ktp.Web.Orders.Components;

/// <summary>
/// Marker for the texts of the BPMN modeler and viewer (ModelerTexts.ru.resx beside this file), asked for through
/// <c>IStringLocalizer&lt;ModelerTexts&gt;</c>. English text is the key.
/// </summary>
public sealed class ModelerTexts;
