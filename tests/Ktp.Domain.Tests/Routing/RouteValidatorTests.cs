using Ktp.Domain.Common;
using Ktp.Domain.Routing;
using static Ktp.Domain.Tests.Routing.SampleRoute;

namespace Ktp.Domain.Tests.Routing;

public class RouteValidatorTests
{
    private static IReadOnlyDictionary<string, string[]> ErrorsOf(RouteDefinition route) =>
        Should.Throw<ValidationFailedException>(() => RouteValidator.Validate(route)).Errors;

    [Fact]
    public void A_well_formed_route_is_accepted()
    {
        Should.NotThrow(() => RouteValidator.Validate(Complaints()));
    }

    [Fact]
    public void A_malformed_rule_is_rejected_at_save_with_the_parser_message()
    {
        var route = Complaints() with
        {
            Processes = [Triage with { Transitions = [new("""{"==": [{"var": "kind"}, "consultation"]""", "answer")] }, Investigation, Answer],
        };

        var message = ErrorsOf(route)["Processes[0].Transitions[0].Condition"].ShouldHaveSingleItem();

        message.ShouldContain("not a valid JsonLogic rule");
        message.ShouldContain("Rule is not valid JSON");
    }

    [Fact]
    public void A_rule_with_an_unknown_operator_is_rejected_naming_the_operator()
    {
        var route = Complaints() with
        {
            Processes = [Triage, Investigation with { QueueRules = [new("""{"equals": [{"var": "topic"}, "billing"]}""", "billing")] }, Answer],
        };

        ErrorsOf(route)["Processes[1].QueueRules[0].Condition"].ShouldHaveSingleItem().ShouldContain("Unknown operator \"equals\"");
    }

    [Fact]
    public void An_empty_condition_is_rejected()
    {
        var route = Route("a", Step("a", Transition.Close, new Transition(" ", Transition.Close)));

        ErrorsOf(route)["Processes[0].Transitions[0].Condition"].ShouldBe(["A rule needs a condition."]);
    }

    [Fact]
    public void Unknown_target_processes_and_queues_are_rejected()
    {
        var route = Complaints() with
        {
            Processes =
            [
                Triage with { QueueRules = [new(IsVip, "platinum-line")], DefaultNext = "investigaton" },
                Investigation with { DefaultQueue = "nobody", Transitions = [new(IsBigClaim, "court")] },
                Answer,
            ],
        };

        var errors = ErrorsOf(route);

        errors["Processes[0].QueueRules[0].Queue"].ShouldBe(["'platinum-line' is not a queue of process 'triage'."]);
        errors["Processes[0].DefaultNext"].ShouldBe(["'investigaton' is neither a process of this route nor 'close'."]);
        errors["Processes[1].DefaultQueue"].ShouldBe(["'nobody' is not a queue of process 'investigation'."]);
        errors["Processes[1].Transitions[0].Target"].ShouldBe(["'court' is neither a process of this route nor 'close'."]);
    }

    [Fact]
    public void A_queue_of_another_process_is_not_a_valid_target()
    {
        var route = Complaints() with { Processes = [Triage with { DefaultQueue = "billing" }, Investigation, Answer] };

        ErrorsOf(route).Keys.ShouldBe(["Processes[0].DefaultQueue"]);
    }

    [Fact]
    public void Duplicate_codes_and_the_reserved_close_code_are_rejected()
    {
        var route = Route("a",
            Step("a", "b"),
            Step("a", Transition.Close),
            Step(Transition.Close, Transition.Close),
            Step("b", Transition.Close) with { Queues = [new("q", "Queue"), new("q", "Again")] });

        var errors = ErrorsOf(route);

        errors["Processes[1].Code"].ShouldBe(["Process code 'a' is used twice."]);
        errors["Processes[2].Code"].ShouldHaveSingleItem().ShouldContain("reserved");
        errors["Processes[3].Queues[1].Code"].ShouldBe(["Queue code 'q' is used twice in process 'b'."]);
    }

    [Fact]
    public void A_process_without_a_queue_is_rejected()
    {
        var route = Route("a", Step("a", Transition.Close) with { Queues = [], DefaultQueue = "q" });

        var errors = ErrorsOf(route);

        errors["Processes[0].Queues"].ShouldBe(["Process 'a' needs at least one queue."]);
        errors.Keys.ShouldContain("Processes[0].DefaultQueue");
    }

    [Fact]
    public void The_start_process_must_exist_and_the_route_needs_id_name_version_and_processes()
    {
        var errors = ErrorsOf(new RouteDefinition("", " ", 0, "nowhere", []));

        errors.Keys.ShouldBe(["RouteId", "Name", "Version", "Processes", "StartProcess"], ignoreOrder: true);
    }

    [Fact]
    public void A_process_that_goes_to_itself_is_refused_at_save()
    {
        var route = Route("a", Step("a", "b"), Step("b", Transition.Close, new Transition(IsBigClaim, "b")));

        ErrorsOf(route)["Processes[1].Transitions[0].Target"].ShouldHaveSingleItem()
            .ShouldStartWith("Going to 'b' makes a loop (b → b): an inquiry could circulate forever.");
    }

    [Fact]
    public void A_cyclic_route_is_refused_at_save()
    {
        // a → b → c, and c may send the inquiry back to a: a loop even though c's default closes.
        var route = Route("a", Step("a", "b"), Step("b", "c"), Step("c", Transition.Close, new Transition(IsVip, "a")));

        var errors = ErrorsOf(route);

        errors.Keys.ShouldBe(["Processes[2].Transitions[0].Target"]);
        errors["Processes[2].Transitions[0].Target"].ShouldHaveSingleItem().ShouldContain("(a → b → c → a)");
    }

    [Fact]
    public void A_loop_away_from_the_start_is_found_too()
    {
        var route = Route("a", Step("a", Transition.Close, new Transition(IsVip, "c")), Step("b", "c"), Step("c", Transition.Close, new Transition(IsBigClaim, "b")));

        ErrorsOf(route).Keys.ShouldBe(["Processes[1].DefaultNext"]);
    }

    [Fact]
    public void Processes_with_no_way_to_close_are_named()
    {
        // a may close; b and c only hand the inquiry to each other.
        var route = Route("a", Step("a", "b", new Transition(IsConsultation, Transition.Close)), Step("b", "c"), Step("c", "b"));

        var errors = ErrorsOf(route);

        errors["Processes[1]"].ShouldBe(["No path leads from process 'b' to close: an inquiry entering it could never be closed."]);
        errors["Processes[2]"].ShouldHaveSingleItem().ShouldContain("'c'");
        errors.Keys.ShouldNotContain("Processes[0]");
        errors["Processes[2].DefaultNext"].ShouldHaveSingleItem().ShouldContain("(b → c → b)");
    }
}
