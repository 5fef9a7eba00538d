using System.Text.Json.Nodes;
using Ktp.Domain.Routing;
using static Ktp.Domain.Tests.Routing.SampleRoute;

namespace Ktp.Domain.Tests.Routing;

public class RouteEngineTests
{
    private static readonly DateTimeOffset TuesdayAfternoon = new(2025, 3, 4, 14, 30, 0, TimeSpan.FromHours(3));

    private static JsonObject Inquiry(
        string topic = "billing.refund", string kind = "complaint", string channel = "email", bool vip = false,
        Dictionary<string, object?>? attributes = null) =>
        RoutingData.Build(topic, kind, channel, "normal", attributes ?? new() { ["amount"] = 1200m }, "private", vip, TuesdayAfternoon);

    [Fact]
    public void A_route_with_three_processes_and_rule_chosen_queues_carries_an_inquiry_to_closed()
    {
        var route = Complaints();
        RouteValidator.Validate(route);
        var data = Inquiry(vip: true, channel: "phone");
        var visited = new List<RoutePosition>();

        var position = RouteEngine.Start(route, data);
        while (true)
        {
            visited.Add(position);
            var next = RouteEngine.NextStep(route.Process(position.Process), data);
            if (next.IsClose)
                break;
            position = RouteEngine.Enter(route, next.Process!, data);
        }

        visited.ShouldBe(
        [
            new RoutePosition("triage", "vip-line"),
            new RoutePosition("investigation", "billing"),
            new RoutePosition("answer", "callback"),
        ]);
    }

    [Fact]
    public void A_consultation_skips_investigation()
    {
        var data = Inquiry(kind: "consultation");

        RouteEngine.NextStep(Triage, data).ShouldBe(RouteStep.ToProcess("answer"));
        RouteEngine.NextStep(Answer, data).ShouldBe(RouteStep.Close);
        RouteStep.Close.IsClose.ShouldBeTrue();
        RouteStep.Close.ToString().ShouldBe("close");
    }

    [Fact]
    public void The_first_queue_rule_that_holds_wins()
    {
        // A big billing claim matches both rules; legal comes first.
        RouteEngine.ChooseQueue(Investigation, Inquiry(attributes: new() { ["amount"] = 50000 })).ShouldBe("legal");
        RouteEngine.ChooseQueue(Investigation, Inquiry(attributes: new() { ["amount"] = 50 })).ShouldBe("billing");
    }

    [Fact]
    public void The_default_queue_takes_what_no_rule_matches()
    {
        RouteEngine.ChooseQueue(Investigation, Inquiry(topic: "network.outage")).ShouldBe("general");
        RouteEngine.ChooseQueue(Triage, Inquiry(vip: false)).ShouldBe("first-line");
    }

    [Fact]
    public void Rules_on_missing_fields_read_null_and_do_not_crash()
    {
        var process = Triage with
        {
            QueueRules =
            [
                new("""{">": [{"var": "attributes.device.age"}, 5]}""", "vip-line"),
                new("""{"==": [{"var": "customer.segment.tier"}, "gold"]}""", "vip-line"),
            ],
            Transitions = [new("""{"missing": ["attributes.contract"]}""", "answer")],
        };
        var data = Inquiry(attributes: []);

        RouteEngine.ChooseQueue(process, data).ShouldBe("first-line");
        RouteEngine.NextStep(process, data).Process.ShouldBe("answer");
        RouteEngine.ChooseQueue(process, null).ShouldBe("first-line");
    }

    [Fact]
    public void An_explicit_move_enters_any_process_and_queues_by_its_rules()
    {
        RouteEngine.Enter(Complaints(), "answer", Inquiry(channel: "phone")).ShouldBe(new RoutePosition("answer", "callback"));
        Should.Throw<ArgumentException>(() => RouteEngine.Enter(Complaints(), "nowhere", Inquiry()));
    }

    [Fact]
    public void Routing_data_holds_the_fields_rules_read()
    {
        var sunday = new DateTimeOffset(2025, 3, 9, 23, 15, 0, TimeSpan.FromHours(3));

        var data = RoutingData.Build("billing.refund", "complaint", "email", "high",
            new Dictionary<string, object?> { ["amount"] = 1200.5m, ["since"] = new DateOnly(2025, 1, 31), ["tags"] = new[] { "a", "b" }, ["note"] = null },
            "business", vip: true, sunday);

        var expected = JsonNode.Parse("""
            {
              "topic": "billing.refund", "kind": "complaint", "channel": "email", "priority": "high",
              "attributes": { "amount": 1200.5, "since": "2025-01-31", "tags": ["a", "b"], "note": null },
              "customer": { "category": "business", "vip": true },
              "time": { "hour": 23, "weekday": 7 }
            }
            """)!;
        data.ToJsonString().ShouldBe(expected.ToJsonString());
    }

    [Fact]
    public void An_attribute_value_routing_cannot_read_is_refused()
    {
        Should.Throw<ArgumentException>(() => RoutingData.Build("t", "k", "c", "p",
            new Dictionary<string, object?> { ["odd"] = new object() }, null, false, TuesdayAfternoon)).Message.ShouldContain("'odd'");
    }
}
