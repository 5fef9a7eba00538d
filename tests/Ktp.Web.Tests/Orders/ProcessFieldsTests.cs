using Ktp.Domain.Orders;
using Ktp.Web.Components.Conditions;
using Ktp.Web.Hosting;
using Ktp.Web.Orders.Components;
using Ktp.Web.Projects;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ktp.Web.Tests.Orders;

/// <summary>What the condition builder offers by name for task rules, a diagram's flows and a project's rules.</summary>
public sealed class ProcessFieldsTests
{
    private static readonly IStringLocalizer L =
        new ModuleTexts(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    [Fact]
    public void A_task_rule_reads_the_services_parameters_by_name_and_the_customer()
    {
        var fields = ProcessFields.ForTaskRules(
            [new ServiceParameter("distance", "Cable length, m", ParameterType.Number), new ServiceParameter("own_router", "Own router", ParameterType.Flag),
             new ServiceParameter("", "Not named yet", ParameterType.Text)], L);

        fields.Select(f => f.Path).ShouldBe(["service.distance", "service.own_router", "customer.name", "customer.phone", "customer.email"]);
        fields[0].Name.ShouldBe("Cable length, m");
        fields[0].Values.ShouldBeNull();
        fields[1].Values!.Select(v => v.Value).ShouldBe(["true", "false"], "a yes/no parameter is chosen, not typed");
    }

    [Fact]
    public void A_flow_reads_the_order_number_the_parameters_and_chosen_tasks_of_the_services_of_its_process()
    {
        var internet = new CatalogueService("internet", "Internet", "p", [new ServiceParameter("tariff", "Tariff", ParameterType.Text)],
            [new TaskRule("survey", "Survey the address")]);
        var again = internet with { Code = "internet_b2b" };

        var fields = ProcessFields.ForProcess([internet, again], L);

        fields.Select(f => f.Path).ShouldBe(["orderNumber", "service.tariff", "tasks.survey", "customer.name", "customer.phone", "customer.email"],
            "two services of one process offer their fields once");
        fields.Single(f => f.Path == "tasks.survey").Name.ShouldBe("Task needed: Survey the address");
    }

    [Fact]
    public void A_diagram_adds_its_forms_fields_and_its_rules_results_and_an_unreadable_one_adds_nothing()
    {
        var xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ktp="https://ktp.dev/bpmn">
              <process id="p">
                <userTask id="t" ktp:form="serial:text:Serial number;works:flag:It works" />
                <businessRuleTask id="r" name="Discount" ktp:rule="{}" ktp:resultVariable="discount" />
              </process>
            </definitions>
            """;

        var fields = ProcessFields.FromDiagram(xml, L);

        fields.Select(f => (f.Path, f.Name)).ShouldBe([("serial", "Serial number"), ("works", "It works"), ("discount", "Result of the rule “Discount”")]);
        fields[1].Values.ShouldNotBeNull();
        ProcessFields.FromDiagram("<definitions", L).ShouldBeEmpty();
    }

    [Fact]
    public void A_projects_topics_priorities_and_categories_are_offered_by_name()
    {
        var lists = new Dictionary<string, IReadOnlyList<Choice>>
        {
            ["topic"] = [new Choice("0190c1a4-0000-7000-8000-000000000001", "No internet")],
            ["priority"] = [new Choice("high", "High"), new Choice("low", "Low")],
            ["customer.category"] = [],
        };

        var fields = ProjectEditing.Fields(["topic", "priority", "channel", "customer.category"], [], L, lists);

        fields.Single(f => f.Path == "topic").Values!.Single().Text.ShouldBe("No internet");
        fields.Single(f => f.Path == "priority").Values!.Select(v => v.Text).ShouldBe(["High", "Low"]);
        fields.Single(f => f.Path == "channel").Values.ShouldNotBeNull("the channels are the product's own list");
        fields.Single(f => f.Path == "customer.category").Values.ShouldBeNull("a project without categories: the value is typed");
    }
}
