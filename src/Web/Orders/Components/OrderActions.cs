using Ktp.Domain.Common;
using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Orders;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Ktp.Web.Orders.Components;

/// <summary>
/// What a dispatcher does to an order's work from any page: asks to confirm where it matters, runs it, and says in a
/// snackbar that it was done or why it was refused.
/// </summary>
public sealed class OrderActions(OrderWork work, IDialogService dialogs, ISnackbar snackbar, IStringLocalizer<SharedResource> L)
{
    /// <summary>Runs <paramref name="action"/>; true when it was done, false when it was refused (the reason is shown).</summary>
    public async Task<bool> RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (Exception e) when (e is ValidationFailedException or ProcessException or OrderException)
        {
            snackbar.Add(e is ValidationFailedException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value).Select(m => L[m].Value)) : L[e.Message].Value,
                Severity.Warning);
            return false;
        }
    }

    /// <summary>Starts a stuck step (<paramref name="stepName"/>) again, once confirmed.</summary>
    public async Task RetryIncidentAsync(string incidentId, string stepName)
    {
        if (await dialogs.ShowMessageBoxAsync(L["Try again?"], L["The step \"{0}\" runs again now.", stepName], yesText: L["Try again"], cancelText: L["Cancel"]) != true) return;
        await RunAsync(() => work.RetryIncidentAsync(incidentId), L["Started again"]);
    }

    /// <summary>Marks a stuck step as done by hand, once confirmed: the process goes on as if the system had answered.</summary>
    public async Task SkipIncidentAsync(string incidentId)
    {
        if (await dialogs.ShowMessageBoxAsync(L["Mark as done by hand?"], L["Do this only when the work was done another way: the process goes on as if the system had answered."],
                yesText: L["Mark as done"], cancelText: L["Cancel"]) != true) return;
        await RunAsync(() => work.SkipIncidentAsync(incidentId), L["Marked as done"]);
    }
}
