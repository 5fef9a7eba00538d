using Bunit;
using Ktp.Domain.Rules.Conditions;
using Ktp.Web.Hosting;
using Ktp.Web.Components.Conditions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace Ktp.Web.Tests.Components;

/// <summary>The condition builder, rendered on its own: fields and values by name, conditions and groups added and removed.</summary>
public sealed class ConditionGroupEditorTests
{
    private static readonly IReadOnlyList<FieldOption> Fields =
    [
        new("channel", "Channel", [new Choice("phone", "Phone"), new Choice("email", "E-mail")]),
        new("attributes.outage_days", "Attribute: Days without service"),
    ];

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.Services.AddSingleton<IStringLocalizer<SharedResource>, ModuleTexts>();
        return context;
    }

    [Fact]
    public async Task A_condition_shows_its_field_and_value_by_name()
    {
        await using var bunit = NewContext();
        var group = ConditionDraft.FromJsonLogic("""{"and":[{"==":[{"var":"channel"},"phone"]},{">":[{"var":"attributes.outage_days"},3]}]}""")!;

        var editor = bunit.Render<ConditionGroupEditor>(p => p.Add(e => e.Group, group).Add(e => e.Fields, Fields).Add(e => e.IdPrefix, "c"));

        editor.Find("#c-0-field").GetAttribute("value").ShouldBe("Channel");
        editor.Find("#c-0-value").GetAttribute("value").ShouldBe("Phone");
        editor.Find("#c-1-field").GetAttribute("value").ShouldBe("Attribute: Days without service");
        editor.Find("#c-1-value").GetAttribute("value").ShouldBe("3");
    }

    [Fact]
    public async Task Adding_and_removing_conditions_and_groups_changes_the_rule_and_says_so()
    {
        await using var bunit = NewContext();
        var group = ConditionDraft.NewRule();
        var changes = 0;
        var editor = bunit.Render<ConditionGroupEditor>(p => p.Add(e => e.Group, group).Add(e => e.Fields, Fields).Add(e => e.IdPrefix, "c")
            .Add(e => e.Changed, () => changes++));

        editor.Find("#c-add-condition").Click();
        editor.Find("#c-add-group").Click();

        group.Items.Count.ShouldBe(3);
        group.Items[2].IsGroup.ShouldBeTrue();
        editor.FindAll("[data-testid$=-condition]").Count.ShouldBe(3, "two conditions here and the new group's own");
        changes.ShouldBe(2);

        editor.Find("[aria-label='Remove group']").Click();
        group.Items.Count.ShouldBe(2);
        editor.FindAll("[aria-label='Remove condition']").Count.ShouldBe(2);
        editor.FindAll("[aria-label='Remove condition']")[0].Click();

        group.Items.Count.ShouldBe(1);
        group.Items.ShouldAllBe(i => !i.IsGroup);
        changes.ShouldBe(4);
    }

    [Fact]
    public async Task A_condition_without_a_field_cannot_become_json_logic()
    {
        await using var bunit = NewContext();
        var group = ConditionDraft.NewRule();
        bunit.Render<ConditionGroupEditor>(p => p.Add(e => e.Group, group).Add(e => e.Fields, Fields));

        Should.Throw<Ktp.Domain.Common.ValidationFailedException>(() => group.ToJsonLogic());
        group.Items[0].Field = "channel";
        group.Items[0].Value = "phone";
        group.ToJsonLogic().ShouldBe("""{"==":[{"var":"channel"},"phone"]}""");
    }
}
