using Ktp.Domain.Access;
using Ktp.Infrastructure.Identity;

namespace Ktp.Web.Identity;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/users", (UserAdmin users, CancellationToken ct) => users.ListAsync(ct))
            .RequireAuthorization(Privilege.UsersManage);
        // Without a password the user gets an invitation e-mail to set one.
        api.MapPost("/users", async (CreateUser command, UserInvitations users, CancellationToken ct) =>
                Results.Created((string?)null, new { userId = await users.AddAsync(command, ct) }))
            .RequireAuthorization(Privilege.UsersManage);
        return api;
    }
}
