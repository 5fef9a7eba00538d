using Ktp.Domain.Common;
using Ktp.Domain.Routing;

namespace Ktp.Domain.Tests.Routing;

public sealed class RouteQueueCodesTests
{
    [Fact]
    public void A_queue_code_used_in_two_processes_is_refused_because_inquiries_record_only_the_code()
    {
        var route = new RouteDefinition("r", "R", 1, "a",
        [
            new ProcessDefinition("a", "A", [new QueueDefinition("general", "General A")], [], "general", [], "b"),
            new ProcessDefinition("b", "B", [new QueueDefinition("general", "General B")], [], "general", [], Transition.Close),
        ]);
        var error = Should.Throw<ValidationFailedException>(() => RouteValidator.Validate(route));
        error.Errors.Keys.ShouldContain("Processes[1].Queues[0].Code");
    }
}
