using Ktp.Domain.Processes;
using static Ktp.Domain.Tests.Processes.Bpmn;
using static Ktp.Domain.Tests.Processes.ProcessDriver;

namespace Ktp.Domain.Tests.Processes;

public class MessageTests
{
    private static readonly ProcessDefinition AwaitLine = Deploy("""
        <startEvent id="start" />
        <intermediateCatchEvent id="lineReady" ktp:correlationKey="orderNo"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
        <userTask id="visit" />
        """ + Chain("start", "lineReady", "visit"), """<message id="m" name="LineReady" />""");

    [Fact]
    public void A_message_catch_event_waits_for_its_message_with_the_key_from_the_correlation_variable()
    {
        var run = new ProcessDriver(AwaitLine).Start(new { orderNo = "A-17" });

        run.Last[^1].ShouldBe(new MessageAwaited("i1#2", "lineReady", "LineReady", "A-17", T0));
        run.State.MessageWaits.ShouldHaveSingleItem();

        run.Do(new ReceiveMessage("LineReady", "A-17", Vars(new { port = 4 }), T0.AddDays(1)));

        run.Last[0].ShouldBeOfType<MessageCorrelated>().TokenId.ShouldBe("i1#2");
        run.ActiveNodes.ShouldBe(["visit"]);
        run.State.Variables["port"].GetInt32().ShouldBe(4);
        run.State.MessageWaits.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("LineReady", "B-99")]
    [InlineData("LineReady", null)]
    [InlineData("LineBroken", "A-17")]
    public void A_message_with_another_key_or_name_is_refused_and_changes_nothing(string name, string? key)
    {
        var run = new ProcessDriver(AwaitLine).Start(new { orderNo = "A-17" });
        var version = run.State.Version;

        Should.Throw<ProcessItemNotFoundException>(() => run.Do(new ReceiveMessage(name, key, Vars(null), T0)));

        run.State.Version.ShouldBe(version);
        run.ActiveNodes.ShouldBe(["lineReady"]);
    }

    [Fact]
    public void A_numeric_key_is_matched_by_its_JSON_text()
    {
        var run = new ProcessDriver(AwaitLine).Start(new { orderNo = 1017 });

        run.Do(new ReceiveMessage("LineReady", "1017", Vars(null), T0));

        run.ActiveNodes.ShouldBe(["visit"]);
    }

    [Fact]
    public void A_missing_correlation_variable_raises_an_incident_until_it_is_set()
    {
        var run = new ProcessDriver(AwaitLine).Start();
        var incident = run.State.Incidents.Single();
        incident.Reason.ShouldContain("\"orderNo\"");

        run.Do(new RetryIncident(incident.IncidentId, "anna", T0) { Variables = Vars(new { orderNo = "A-18" }) });

        run.State.MessageWaits.Single().CorrelationKey.ShouldBe("A-18");
    }
}
