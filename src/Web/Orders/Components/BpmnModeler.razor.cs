using System.Globalization;
using Ktp.Web.Components.Conditions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Ktp.Web.Orders.Components;

/// <summary>
/// Edits a BPMN diagram in the browser with bpmn-js (the bundle <c>wwwroot/lib/bpmn/bpmn-modeler.js</c>, built from
/// Orders/Modeler). <see cref="Xml"/> is the diagram to open (empty: a new one with a start event); the page reads
/// the edited diagram with <see cref="GetXmlAsync"/>. The attributes the engine reads (ktp:queue, conditions,
/// timers...) are edited in the panel beside the canvas (<see cref="BpmnElementProperties"/>).
/// </summary>
public sealed partial class BpmnModeler : IAsyncDisposable
{
    private ElementReference _canvas;
    private IJSObjectReference? _module;
    private DotNetObjectReference<BpmnModeler>? _self;
    private int? _handle;
    private BpmnElementInfo? _selected;
    private string? _error;
    // The Xml parameter last acted on: the diagram is reopened only when the parameter changes...
    private string? _opened;
    // ...and not when it changes to what GetXmlAsync gave (a page keeping the saved XML): that is the diagram shown.
    private string? _readBack;
    private bool _disposed;

    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private IStringLocalizer<ModelerTexts> T { get; set; } = null!;

    /// <summary>
    /// The diagram to open; empty or null: a new diagram with one start event. When the page passes another value
    /// later, that diagram is opened (the undo history starts anew), unless it is the XML <see cref="GetXmlAsync"/> gave.
    /// </summary>
    [Parameter] public string? Xml { get; set; }

    /// <summary>Raised on every change of the diagram (not on opening one), so the page can mark unsaved work.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>Data the page knows conditions may read (the services carried out by this process); the diagram's own forms and rules add theirs.</summary>
    [Parameter] public IReadOnlyList<FieldOption> Fields { get; set; } = [];

    /// <summary>The element selected on the canvas (null: none or several).</summary>
    public BpmnElementInfo? Selected => _selected;

    /// <summary>The diagram as formatted XML (bpmn-js saveXML with format).</summary>
    /// <exception cref="JSException">No diagram is open (the XML given could not be read).</exception>
    public async Task<string> GetXmlAsync()
    {
        var xml = await Module.InvokeAsync<string>("getXml", Handle);
        _readBack = xml;
        return xml;
    }

    /// <summary>What a condition of this diagram may read: <see cref="Fields"/> and what the diagram's forms and business rules write.</summary>
    public async Task<IReadOnlyList<FieldOption>> ConditionFieldsAsync()
    {
        var xml = await Module.InvokeAsync<string>("getXml", Handle);
        return ProcessFields.Distinct([.. Fields, .. ProcessFields.FromDiagram(xml, L)]);
    }

    /// <summary>Sets a property of an element: <c>name</c>, or an attribute such as <c>ktp:queue</c>; empty removes it.</summary>
    public Task SetPropertyAsync(string elementId, string property, string? value) =>
        Module.InvokeVoidAsync("setProperty", Handle, elementId, property, value).AsTask();

    /// <summary>The JsonLogic condition of a sequence flow; empty removes it.</summary>
    public Task SetConditionAsync(string flowId, string? condition) =>
        Module.InvokeVoidAsync("setCondition", Handle, flowId, condition).AsTask();

    /// <summary>Makes the flow its gateway's default flow (removing its condition), or stops it being the default.</summary>
    public Task SetDefaultFlowAsync(string flowId, bool isDefault) =>
        Module.InvokeVoidAsync("setDefaultFlow", Handle, flowId, isDefault).AsTask();

    /// <summary>The timer of a timer event: <paramref name="kind"/> is duration, date or cycle.</summary>
    public Task SetTimerAsync(string elementId, string kind, string? value) =>
        Module.InvokeVoidAsync("setTimer", Handle, elementId, kind, value).AsTask();

    /// <summary>The name of the message a message event waits for (declared in the diagram when it has none).</summary>
    public Task SetMessageAsync(string elementId, string? name) =>
        Module.InvokeVoidAsync("setMessage", Handle, elementId, name).AsTask();

    /// <summary>Selects an element (say, one a deployment refused) and scrolls to it; false when the diagram has no such element.</summary>
    public Task<bool> SelectAsync(string elementId) => Module.InvokeAsync<bool>("select", Handle, elementId).AsTask();

    /// <summary>Puts the keyboard focus on the canvas, where the modeler's shortcuts work.</summary>
    public Task FocusAsync() => Module.InvokeVoidAsync("focus", Handle).AsTask();

    [JSInvokable]
    public Task OnSelectionChanged(BpmnElementInfo? selected)
    {
        _selected = selected;
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public async Task OnDiagramChanged(BpmnElementInfo? selected)
    {
        _selected = selected;
        StateHasChanged();
        await Changed.InvokeAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_handle is { } handle) await OpenChangedXmlAsync(Module, handle);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        var module = await JS.InvokeAsync<IJSObjectReference>("import", "./" + Assets["lib/bpmn/bpmn-modeler.js"]);
        if (_disposed)
        {
            await Quietly(module.DisposeAsync);
            return;
        }
        _module = module;
        _self = DotNetObjectReference.Create(this);
        _opened = Xml;
        var created = await module.InvokeAsync<ImportResult>("create", _canvas, Xml ?? "", _self, T["BPMN diagram: edit with the mouse and the keyboard"].Value);
        if (_disposed)
        {
            await Quietly(() => module.InvokeVoidAsync("destroy", created.Handle));
            return;
        }
        _handle = created.Handle;
        ShowResult(created);
        // The page may have passed another diagram while this one was opening.
        await OpenChangedXmlAsync(module, created.Handle);
        StateHasChanged();
    }

    private async Task OpenChangedXmlAsync(IJSObjectReference module, int handle)
    {
        if (SameXml(Xml, _opened)) return;
        _opened = Xml;
        if (!SameXml(Xml, _readBack)) ShowResult(await module.InvokeAsync<ImportResult>("importXml", handle, Xml ?? ""));
    }

    private void ShowResult(ImportResult result)
    {
        _error = result.Error;
        _selected = null;
    }

    private static bool SameXml(string? a, string? b) => string.IsNullOrWhiteSpace(a) ? string.IsNullOrWhiteSpace(b) : a == b;

    private IJSObjectReference Module => _module ?? throw new InvalidOperationException("The modeler is not open yet (it opens after the first render).");

    private int Handle => _handle ?? throw new InvalidOperationException("The modeler is not open yet (it opens after the first render).");

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is { } module)
        {
            if (_handle is { } handle) await Quietly(() => module.InvokeVoidAsync("destroy", handle));
            await Quietly(module.DisposeAsync);
        }
        _self?.Dispose();
    }

    /// <summary>Runs a clean-up call; a browser that is gone took the diagram with it.</summary>
    private static async Task Quietly(Func<ValueTask> call)
    {
        try
        {
            await call();
        }
        catch (JSDisconnectedException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private sealed record ImportResult(int Handle, string? Error, IReadOnlyList<string>? Warnings);
}

/// <summary>
/// The element selected in <see cref="BpmnModeler"/> as the modeler's script describes it (index.js, describe()):
/// its kind and the properties the process engine reads. Attributes the element does not have are null.
/// </summary>
public sealed record BpmnElementInfo
{
    public string Id { get; init; } = "";

    /// <summary>The BPMN type without prefix: UserTask, SequenceFlow, IntermediateCatchEvent...</summary>
    public string Type { get; init; } = "";

    /// <summary>startEvent, userTask, timerCatchEvent, messageCatchEvent, timerBoundaryEvent, errorEndEvent, sequenceFlow...</summary>
    public string Kind { get; init; } = "";

    public string? Name { get; init; }

    public string? CandidateRole { get; init; }
    public string? Queue { get; init; }
    public string? Due { get; init; }
    public string? Form { get; init; }

    public string? Endpoint { get; init; }
    public string? Retries { get; init; }

    public string? Rule { get; init; }
    public string? ResultVariable { get; init; }

    public string? CorrelationKey { get; init; }
    public string? MessageName { get; init; }

    /// <summary>duration, date or cycle for a timer event; null otherwise.</summary>
    public string? TimerKind { get; init; }
    public string? TimerValue { get; init; }

    /// <summary>A sequence flow leaving an exclusive or inclusive gateway: it has a condition or is the default.</summary>
    public bool FromGateway { get; init; }
    public string? Condition { get; init; }
    public bool IsDefault { get; init; }

    /// <summary>The retries as a number, when they are one.</summary>
    public int? RetriesNumber => int.TryParse(Retries, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
