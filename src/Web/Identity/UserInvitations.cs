using Ktp.Domain.Access;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Mail;
using Ktp.Infrastructure.Messaging;
using Ktp.Infrastructure.Sessions;
using Ktp.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Identity;

/// <summary>
/// A user added without a password gets an invitation e-mail with a link to set one: the reset-password page with a
/// password reset token (valid as long as reset tokens are), so nobody types a password for someone else.
/// </summary>
public sealed class UserInvitations(UserAdmin admin, UserManager<KtpUser> users, CurrentSession session, PublicUrl site, IStringLocalizer<SharedResource> l)
{
    /// <summary>Adds the user; when the command has no password, sends the invitation.</summary>
    public async Task<Guid> AddAsync(CreateUser command, CancellationToken ct = default)
    {
        var userId = await admin.CreateAsync(command, ct);
        if (command.IsInvitation) await SendAsync(userId, ct);
        return userId;
    }

    public async Task SendAsync(Guid userId, CancellationToken ct = default)
    {
        session.Demand(Privilege.UsersManage);
        var user = await users.FindByIdAsync(KtpUser.ComposeId(session.TenantId, userId)) ?? throw new InvalidOperationException($"No user {userId}.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var slug = session.Tenant!.Slug;
        var link = site.To($"/t/{slug}/reset-password?invite=1&email={Uri.EscapeDataString(user.Email)}&token={Uri.EscapeDataString(token)}");
        await using var uow = await session.BeginAsync(ct);
        await uow.SendAsync(new EmailMessage(user.Email, l["Invitation to the {0} workspace", session.Tenant.Name],
            l["{0} invites you to the {1} workspace. Open this link to set your password: {2}", session.UserName ?? "", session.Tenant.Name, link]));
        await uow.CommitAsync(ct);
    }
}
