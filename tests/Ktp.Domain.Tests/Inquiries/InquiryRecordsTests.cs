using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class InquiryRecordsTests
{
    private static readonly Guid FileId = Guid.Parse("80000000-0000-0000-0000-000000000001");
    private static readonly Guid ProblemId = Guid.Parse("90000000-0000-0000-0000-000000000001");

    private static AddAttachment Attach(long size = 2048, long maxSize = 10_000) =>
        new(FileId, "contract.pdf", size, "application/pdf", maxSize, Boris, Minutes(10));

    [Theory]
    [InlineData(InquiryStatus.Registered)]
    [InlineData(InquiryStatus.InWork)]
    [InlineData(InquiryStatus.Closed)]
    public void Anyone_can_comment_on_an_inquiry_that_is_not_archived(InquiryStatus status)
    {
        var inquiry = InState(status);

        inquiry.Run(new AddComment(" Called the customer back ", Boris, Minutes(10))).ShouldHaveSingleItem()
            .ShouldBe(new CommentAdded("Called the customer back", Boris, Minutes(10)));

        inquiry.CommentCount.ShouldBe(1);
    }

    [Fact]
    public void An_archived_inquiry_takes_no_comments_and_no_files()
    {
        Should.Throw<InquiryException>(() => Archived().Decide(new AddComment("late", Boris, Minutes(10))))
            .Message.ShouldBe("The inquiry is archived; it cannot be commented on.");
        Should.Throw<InquiryException>(() => Archived().Decide(Attach()))
            .Message.ShouldBe("The inquiry is archived; it cannot get attachments.");
    }

    [Fact]
    public void An_empty_comment_is_refused()
    {
        Should.Throw<ValidationFailedException>(() => Registered().Decide(new AddComment(" ", Boris, Minutes(10))))
            .Errors.Keys.ShouldBe(["text"]);
    }

    [Fact]
    public void Attaching_a_file_records_it_on_the_inquiry()
    {
        var inquiry = InWorkBy(Anna);

        inquiry.Run(Attach()).ShouldHaveSingleItem()
            .ShouldBe(new AttachmentAdded(FileId, "contract.pdf", 2048, "application/pdf", Boris, Minutes(10)));

        inquiry.Attachments.ShouldHaveSingleItem()
            .ShouldBe(new InquiryAttachment(FileId, "contract.pdf", 2048, "application/pdf", Boris, Minutes(10)));
    }

    [Theory]
    [InlineData(0, "The file is empty.")]
    [InlineData(10_001, "The file is larger than the limit of 10000 bytes.")]
    public void A_file_must_fit_the_size_limit(long size, string message)
    {
        Should.Throw<ValidationFailedException>(() => Registered().Decide(Attach(size)))
            .Errors.Flat().ShouldBe(new Dictionary<string, string> { ["size"] = message });
    }

    [Fact]
    public void A_child_inquiry_is_recorded_once_on_its_parent()
    {
        var child = InquiryId.New();
        var inquiry = InWorkBy(Anna);

        inquiry.Run(new CreateChildInquiry(child, Anna, Minutes(10))).ShouldHaveSingleItem()
            .ShouldBe(new ChildInquiryCreated(child, Anna, Minutes(10)));

        inquiry.Children.ShouldBe([child]);
        inquiry.Decide(new CreateChildInquiry(child, Anna, Minutes(11))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(InquiryStatus.Closed)]
    [InlineData(InquiryStatus.Archived)]
    public void Closed_and_archived_inquiries_get_no_children(InquiryStatus status)
    {
        Should.Throw<InquiryException>(() => InState(status).Decide(new CreateChildInquiry(InquiryId.New(), Anna, Minutes(10))));
    }

    [Fact]
    public void An_inquiry_cannot_be_its_own_child()
    {
        Should.Throw<ValidationFailedException>(() => Registered().Decide(new CreateChildInquiry(TheInquiry, Anna, Minutes(10))));
    }

    [Fact]
    public void A_breach_is_recorded_once_per_step_and_deadline()
    {
        var inquiry = Waiting();
        var breach = new RecordSlaBreach("first_line", Minutes(60), Minutes(61), Actor.System, Minutes(61));

        inquiry.Run(breach).ShouldHaveSingleItem()
            .ShouldBe(new SlaBreached("first_line", Minutes(60), Minutes(61), Actor.System, Minutes(61)));

        inquiry.Decide(breach with { At = Minutes(62), BreachedAt = Minutes(62) }).ShouldBeEmpty();
        inquiry.Decide(breach with { DueAt = Minutes(90), BreachedAt = Minutes(91) }).ShouldHaveSingleItem();
        inquiry.Breaches.ShouldBe([new SlaBreachRecord("first_line", Minutes(60), Minutes(61))]);
    }

    [Fact]
    public void A_breach_cannot_come_before_its_deadline_and_not_on_an_archived_inquiry()
    {
        Should.Throw<ValidationFailedException>(() => Waiting().Decide(new RecordSlaBreach("first_line", Minutes(60), Minutes(59), Actor.System, Minutes(59))))
            .Errors.Keys.ShouldBe(["breachedAt"]);
        Should.Throw<InquiryException>(() => Archived().Decide(new RecordSlaBreach("first_line", Minutes(60), Minutes(61), Actor.System, Minutes(61))));
    }

    [Fact]
    public void A_manager_moves_the_deadline_with_a_reason()
    {
        var inquiry = Waiting();

        inquiry.Run(new ChangeSla(Minutes(180), "Customer is abroad", Maria, Minutes(10)) { ByManager = true }).ShouldHaveSingleItem()
            .ShouldBe(new SlaChanged(Minutes(60), Minutes(180), "Customer is abroad", Maria, Minutes(10)));

        inquiry.SlaDueAt.ShouldBe(Minutes(180));
    }

    [Fact]
    public void Only_a_manager_changes_the_deadline()
    {
        Should.Throw<ForbiddenException>(() => Waiting().Decide(new ChangeSla(Minutes(180), "why not", Anna, Minutes(10))))
            .Privilege.ShouldBe(Privilege.InquiriesManage);
    }

    [Fact]
    public void Changing_the_deadline_needs_a_reason_and_an_open_inquiry()
    {
        Should.Throw<ValidationFailedException>(() => Waiting().Decide(new ChangeSla(Minutes(180), "", Maria, Minutes(10)) { ByManager = true }))
            .Errors.Keys.ShouldBe(["reason"]);
        Should.Throw<InquiryException>(() => Closed().Decide(new ChangeSla(Minutes(180), "late", Maria, Minutes(10)) { ByManager = true }))
            .Message.ShouldBe("The inquiry is closed; it cannot get a new deadline.");
        Waiting().Decide(new ChangeSla(Minutes(60), "same", Maria, Minutes(10)) { ByManager = true }).ShouldBeEmpty();
    }

    [Fact]
    public void A_responsible_person_is_assigned_once()
    {
        var inquiry = Waiting();

        inquiry.Run(new AssignResponsible(Boris, Maria, Minutes(10))).ShouldHaveSingleItem()
            .ShouldBe(new ResponsibleAssigned(Boris, Maria, Minutes(10)));

        inquiry.Responsible.ShouldBe(Boris);
        inquiry.Decide(new AssignResponsible(Boris, Maria, Minutes(11))).ShouldBeEmpty();
        Should.Throw<ValidationFailedException>(() => inquiry.Decide(new AssignResponsible(Actor.System, Maria, Minutes(11))));
        Should.Throw<InquiryException>(() => Archived().Decide(new AssignResponsible(Boris, Maria, Minutes(11))));
    }

    [Fact]
    public void An_inquiry_is_linked_to_a_problem_once()
    {
        var inquiry = Closed();

        inquiry.Run(new LinkToProblem(ProblemId, Maria, Minutes(10))).ShouldHaveSingleItem()
            .ShouldBe(new LinkedToProblem(ProblemId, Maria, Minutes(10)));

        inquiry.Problems.ShouldBe([ProblemId]);
        inquiry.Decide(new LinkToProblem(ProblemId, Maria, Minutes(11))).ShouldBeEmpty();
        Should.Throw<ValidationFailedException>(() => inquiry.Decide(new LinkToProblem(Guid.Empty, Maria, Minutes(11))));
        Should.Throw<InquiryException>(() => Archived().Decide(new LinkToProblem(ProblemId, Maria, Minutes(11))));
    }
}
