using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

public sealed record NewCustomer(string Name, string? Phone, string? Email, string? Contract, string? Category, bool Vip = false);

/// <param name="AnsweredNow">Quick consultation: the operator answered during the contact, so the inquiry is closed at once.</param>
/// <param name="Priority">One of the project's priorities; none means the project's default.</param>
public sealed record NewInquiry(Guid TopicId, IReadOnlyDictionary<string, string?> Attributes, string? Priority = null, string? AnsweredNow = null);

/// <summary>A contact: one customer touch (call, mail, chat) by an operator, holding one or more inquiries.</summary>
public sealed record RegisterContactCommand(
    Guid ProjectId, Guid? CustomerId, NewCustomer? Customer, string Direction, string Channel, string? ContactPlace,
    IReadOnlyList<NewInquiry> Inquiries);

public sealed record RegisteredContact(Guid ContactId, Guid? CustomerId, IReadOnlyList<Guid> InquiryIds);

/// <summary>
/// Registers the contact and each inquiry: validated against its topic's attribute form, put on the
/// project's route (rule-chosen queue, SLA deadline in business hours) and given an SLA timer, all in
/// one transaction.
/// </summary>
public sealed class RegisterContact(CurrentSession session, IProjectConfiguration projects, InquiryStream inquiries, TimeProvider clock)
{
    public async Task<RegisteredContact> HandleAsync(RegisterContactCommand command, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        new Validation()
            .Require(command.Direction is "in" or "out", nameof(command.Direction), "Direction is incoming or outgoing.")
            .Require(!string.IsNullOrWhiteSpace(command.Channel) && command.Channel.Length <= 40, nameof(command.Channel), "Choose the channel.")
            .Require(command.Inquiries.Count is >= 1 and <= 20, nameof(command.Inquiries), "A contact holds 1 to 20 inquiries.")
            .Require(command.Customer is null || command.Customer.Name.Trim().Length is >= 1 and <= 300, "Customer.Name", "The customer's name is required.")
            .ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var by = InquiryActors.Of(session);
        var nextNumber = await InquiryNumbers.ReserveAsync(session, command.Inquiries.Count, ct);
        await using var uow = await session.BeginAsync(ct);
        var config = await projects.CurrentAsync(uow, command.ProjectId)
            ?? throw new ValidationFailedException(nameof(command.ProjectId), "No such project.");
        var route = config.Route ?? throw new ValidationFailedException(nameof(command.ProjectId), "The project has no route yet: a project manager publishes one first.");

        var (customerId, facts) = await CustomerAsync(uow, command);
        var contactId = Guid.CreateVersion7();
        await uow.ExecuteAsync("""
            INSERT INTO contacts (contact_id, project_id, customer_id, direction, channel, contact_place, operator_id, operator_name)
            VALUES (@contactId, @ProjectId, @customerId, @Direction, @Channel, @ContactPlace, @operatorId, @operatorName)
            """, new { contactId, command.ProjectId, customerId, command.Direction, command.Channel, command.ContactPlace, operatorId = by.UserId, operatorName = by.Name }, ct: ct);

        var ids = new List<Guid>();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < command.Inquiries.Count; i++)
        {
            var item = command.Inquiries[i];
            if (!config.Topics.TryGetTopic(new TopicId(item.TopicId), out _))
            {
                errors[$"Inquiries[{i}].TopicId"] = ["Choose a topic of this project."];
                continue;
            }
            if (config.Priorities.Resolve(item.Priority) is not { } priority)
            {
                errors[$"Inquiries[{i}].Priority"] = ["Choose a priority of this project."];
                continue;
            }
            var inquiryId = Guid.CreateVersion7();
            var register = new RegisterInquiry(new InquiryId(inquiryId), new ProjectId(command.ProjectId), new ContactId(contactId),
                customerId is null ? null : new CustomerId(customerId.Value), config.Topics.Effective(new TopicId(item.TopicId)),
                command.Channel, priority, item.Attributes, by, now)
                { Route = route.Ref, Customer = facts, Number = nextNumber++ };
            try
            {
                Func<Inquiry, InquiryCommand> enterRoute = registered => InquiryRouting.Enter(config, route, registered, route.StartProcess, facts, by, now);
                Func<Inquiry, InquiryCommand>[] steps = item.AnsweredNow is { } answer
                    ? [_ => register, enterRoute, _ => new TakeInquiry(by, now), _ => new CloseInquiry(answer, register.Topic, by, now)]
                    : [_ => register, enterRoute];
                await inquiries.StartAsync(uow, inquiryId, session.Metadata(), ct, steps);
                ids.Add(inquiryId);
            }
            catch (ValidationFailedException e)
            {
                foreach (var (field, messages) in e.Errors) errors[$"Inquiries[{i}].{field}"] = messages;
            }
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        await uow.CommitAsync(ct);
        return new RegisteredContact(contactId, customerId, ids);
    }

    private static async Task<(Guid? Id, CustomerFacts? Facts)> CustomerAsync(UnitOfWork uow, RegisterContactCommand command)
    {
        if (command.CustomerId is { } existing)
        {
            var row = await uow.QuerySingleOrDefaultAsync<(string? Category, bool Vip)?>(
                "SELECT category, vip FROM customers WHERE customer_id = @existing", new { existing })
                ?? throw new ValidationFailedException(nameof(command.CustomerId), "No such customer.");
            return (existing, new CustomerFacts(row.Category, row.Vip));
        }
        if (command.Customer is not { } c) return (null, null);
        var name = c.Name.Trim();
        var phone = CustomerPhones.Normalize(c.Phone);
        var contract = string.IsNullOrWhiteSpace(c.Contract) ? null : c.Contract.Trim();
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync("""
            INSERT INTO customers (customer_id, name, phone, email, contract, category, vip) VALUES (@id, @name, @phone, @Email, @contract, @Category, @Vip)
            """, new { id, name, phone, c.Email, contract, c.Category, c.Vip });
        return (id, new CustomerFacts(c.Category, c.Vip));
    }
}

public static class InquiryActors
{
    public static Actor Of(CurrentSession session) => new(session.UserId, session.UserName ?? "unknown");
}
