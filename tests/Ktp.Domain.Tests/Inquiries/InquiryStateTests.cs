using System.Text.Json;
using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class InquiryStateTests
{
    private static List<object> Stream()
    {
        var inquiry = new Inquiry();
        var events = new List<object>();
        events.AddRange(inquiry.Run(Register()));                                                        // T0
        events.AddRange(inquiry.Run(new QueueInquiry(FrontOffice, "first_line", Minutes(60), Actor.System, Minutes(1))));
        events.AddRange(inquiry.Run(new TakeInquiry(Anna, Minutes(10))));
        events.AddRange(inquiry.Run(new ChangeAttributes(Topic(), new Dictionary<string, string?> { ["signal_level"] = "5" }, Anna, Minutes(20))));
        events.AddRange(inquiry.Run(TransferInquiry.ToPerson(Boris, "Second opinion", Anna, Minutes(30))));
        return events;
    }

    [Fact]
    public void The_state_is_the_fold_of_its_events()
    {
        var inquiry = Inquiry.From(Stream());

        inquiry.ShouldSatisfyAllConditions(
            i => i.Version.ShouldBe(5),
            i => i.Status.ShouldBe(InquiryStatus.InWork),
            i => i.Assignee.ShouldBe(Boris),
            i => i.Attributes["signal_level"].ShouldBe("5"),
            i => i.UpdatedAt.ShouldBe(Minutes(30)));
    }

    [Fact]
    public void As_of_a_past_moment_the_inquiry_is_as_it_was_then()
    {
        var atFifteen = Inquiry.AsOf(Stream(), Minutes(15));

        atFifteen.ShouldSatisfyAllConditions(
            i => i.Version.ShouldBe(3),
            i => i.Status.ShouldBe(InquiryStatus.InWork),
            i => i.Assignee.ShouldBe(Anna),
            i => i.Attributes["signal_level"].ShouldBe("3"));
    }

    [Fact]
    public void As_of_the_exact_moment_of_an_event_includes_that_event()
    {
        Inquiry.AsOf(Stream(), Minutes(20)).Attributes["signal_level"].ShouldBe("5");
    }

    [Fact]
    public void As_of_a_moment_before_registration_there_is_no_inquiry()
    {
        var before = Inquiry.AsOf(Stream(), T0.AddSeconds(-1));

        before.IsRegistered.ShouldBeFalse();
        before.Version.ShouldBe(0);
    }

    [Fact]
    public void Only_inquiry_events_can_be_applied()
    {
        Should.Throw<ArgumentException>(() => new Inquiry().Apply("not an event"));
    }

    [Fact]
    public void The_history_says_who_did_what_and_when()
    {
        var history = InquiryHistory.Of(Stream());

        history.Select(h => (h.Version, h.At, h.By.Name, h.Action, h.Summary)).ShouldBe(
        [
            (1L, T0, "Anna", "inquiry.registered", "Registered a complaint via phone, priority normal."),
            (2L, Minutes(1), "system", "inquiry.queued", $"Queued in {FrontOffice} (process first_line), due 2025-06-02 10:00 +03:00."),
            (3L, Minutes(10), "Anna", "inquiry.taken", "Took into work."),
            (4L, Minutes(20), "Anna", "inquiry.attributes_changed", "Changed signal_level: '3' → '5'."),
            (5L, Minutes(30), "Anna", "inquiry.transferred", "Transferred to Boris: Second opinion"),
        ]);
    }

    [Fact]
    public void Every_event_has_a_stored_name_and_a_history_line()
    {
        var eventTypes = typeof(IInquiryEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IInquiryEvent).IsAssignableFrom(t)).ToList();

        eventTypes.ShouldBe(InquiryEventNames.All.Keys, ignoreOrder: true);
        InquiryEventNames.All.Values.ShouldBeUnique();
    }

    [Fact]
    public void Events_round_trip_through_json_as_the_event_store_writes_them()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var events = Stream();
        events.AddRange(
        [
            new CommentAdded("Note", Anna, Minutes(40)),
            new AttachmentAdded(Guid.NewGuid(), "a.pdf", 10, "application/pdf", Anna, Minutes(41)),
            new ChildInquiryCreated(InquiryId.New(), Anna, Minutes(42)),
            new InquiryProcessed("Done", Boris, Minutes(43)),
            new InquiryClosed("Solved", Boris, Minutes(44)),
            new InquiryReopened("Again", Anna, Minutes(45)),
            new SlaBreached("first_line", Minutes(60), Minutes(61), Actor.System, Minutes(61)),
            new SlaChanged(null, Minutes(90), "Why", Maria, Minutes(62)),
            new ResponsibleAssigned(Boris, Maria, Minutes(63)),
            new LinkedToProblem(Guid.NewGuid(), Maria, Minutes(64)),
            new InquiryArchived(Actor.System, Minutes(65)),
        ]);

        var back = events.Select(e => JsonSerializer.Deserialize(JsonSerializer.Serialize(e, e.GetType(), web), e.GetType(), web)!).ToList();

        var registered = (InquiryRegistered)back[0];
        registered.InquiryId.ShouldBe(TheInquiry);
        registered.CustomerId.ShouldBe(Customer);
        registered.Attributes.ShouldBe(((InquiryRegistered)events[0]).Attributes);
        ((AttributesChanged)back[3]).Changes["signal_level"].ShouldBe(new AttributeChange("3", "5"));
        back.Skip(4).ShouldBe(events.Skip(4));
        JsonSerializer.Serialize(events[0], events[0].GetType(), web).ShouldContain($"\"inquiryId\":\"{TheInquiry}\"");
        JsonSerializer.Serialize(events[0], events[0].GetType(), web).ShouldContain("\"kind\":\"Complaint\"");
        JsonSerializer.Serialize(Anna, web).ShouldBe($"{{\"userId\":\"{Anna.UserId}\",\"name\":\"Anna\"}}");
    }
}
