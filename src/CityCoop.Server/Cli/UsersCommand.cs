using System.CommandLine;
using CityCoop.Infrastructure.Identity;

namespace CityCoop.Server.Cli;

/// <summary>
/// <c>citycoop users add|list|deactivate|reactivate|set-role|reset-password</c>: bootstrap and look after accounts on a real
/// deployment. Every change but <c>add</c> rotates the account's security stamp (its tokens and cookies stop working) and
/// is written to the security audit log with channel <c>cli</c>.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Required = true, Description = "Email, also the sign-in name." };
        var password = new Option<string>("--password") { Required = true, Description = "At least 8 characters with upper and lower case, a digit and a symbol." };
        var role = new Option<string>("--role") { Required = true, Description = "city, platform, ministry or admin." };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var organization = new Option<string?>("--organization") { Description = "Organisation code: city:<code>, platform:jp, platform:cn, ministry:jp, ministry:cn (none for admin)." };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var language = new Option<string?>("--language") { Description = "zh-CN, ja-JP or en (default from the organisation's country)." };
        language.AcceptOnlyFromAmong("zh-CN", "ja-JP", "en");

        var add = new Command("add", "Create a user with one role.") { email, password, role, organization, name, language };
        add.SetAction(async (parse, _) =>
        {
            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            var problems = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(
                parse.GetValue(email)!, parse.GetValue(password)!, parse.GetValue(role)!, parse.GetValue(organization), parse.GetValue(name), parse.GetValue(language));
            if (problems.Count > 0)
            {
                await Console.Error.WriteLineAsync("User not created:");
                foreach (var p in problems)
                {
                    await Console.Error.WriteLineAsync("  " + p);
                }

                return 1;
            }

            Console.WriteLine($"Created {parse.GetValue(email)} ({parse.GetValue(role)}).");
            return 0;
        });

        var list = new Command("list", "List users with role and organisation.");
        list.SetAction(async (parse, _) =>
        {
            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            foreach (var (user, roles) in await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync())
            {
                Console.WriteLine($"{user.Email}\t{string.Join(",", roles)}\t{user.OrganizationCode ?? "-"}\t{user.PreferredLanguage}\t{(user.IsActive ? "active" : "deactivated")}\t{user.DisplayName}");
            }

            return 0;
        });

        var deactivate = ActiveCommand("deactivate", "Stop a user signing in; their open tasks stay with their role and organisation.", active: false);
        var reactivate = ActiveCommand("reactivate", "Let a deactivated user sign in again.", active: true);
        return new Command("users", "Manage user accounts.") { add, list, deactivate, reactivate, SetRoleCommand(), ResetPasswordCommand() };
    }

    private static Command SetRoleCommand()
    {
        var email = new Option<string>("--email") { Required = true, Description = "Email of the account." };
        var role = new Option<string>("--role") { Required = true, Description = "city, platform, ministry or admin (replaces the current role)." };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var organization = new Option<string?>("--organization") { Description = "Organisation code the role needs: city:<code>, platform:jp, platform:cn, ministry:jp, ministry:cn (none for admin)." };
        var command = new Command("set-role", "Give an account another role (and organisation); its tokens and cookies stop working.") { email, role, organization };
        command.SetAction(async (parse, _) =>
        {
            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            if (await FindAsync(scope, parse.GetValue(email)!) is not { } user)
            {
                return 1;
            }

            var problems = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ChangeRoleAsync(user.Id, parse.GetValue(role)!, parse.GetValue(organization));
            return await ReportAsync(problems!, "Role not changed:", $"{user.Email} is now {parse.GetValue(role)}.");
        });
        return command;
    }

    private static Command ResetPasswordCommand()
    {
        var email = new Option<string>("--email") { Required = true, Description = "Email of the account." };
        var password = new Option<string>("--password") { Required = true, Description = "The new password: at least 8 characters with upper and lower case, a digit and a symbol." };
        var command = new Command("reset-password", "Set a new password for an account and lift a lock-out; its tokens and cookies stop working.") { email, password };
        command.SetAction(async (parse, _) =>
        {
            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            if (await FindAsync(scope, parse.GetValue(email)!) is not { } user)
            {
                return 1;
            }

            var problems = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ResetPasswordAsync(user.Id, parse.GetValue(password)!);
            return await ReportAsync(problems!, "Password not changed:", $"New password set for {user.Email}.");
        });
        return command;
    }

    private static async Task<CityCoopUser?> FindAsync(AsyncServiceScope scope, string email)
    {
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CityCoopUser>>().FindByEmailAsync(email);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"No user with email '{email}'. See `citycoop users list`.");
        }

        return user;
    }

    private static async Task<int> ReportAsync(IReadOnlyList<string> problems, string refused, string done)
    {
        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync(refused);
            foreach (var p in problems)
            {
                await Console.Error.WriteLineAsync("  " + p);
            }

            return 1;
        }

        Console.WriteLine(done);
        return 0;
    }

    private static Command ActiveCommand(string name, string description, bool active)
    {
        var email = new Option<string>("--email") { Required = true, Description = "Email of the account." };
        var command = new Command(name, description) { email };
        command.SetAction(async (parse, _) =>
        {
            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CityCoopUser>>();
            if (await users.FindByEmailAsync(parse.GetValue(email)!) is not { } user)
            {
                await Console.Error.WriteLineAsync($"No user with email '{parse.GetValue(email)}'. See `citycoop users list`.");
                return 1;
            }

            await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync(user.Id, active);
            Console.WriteLine($"{(active ? "Reactivated" : "Deactivated")} {user.Email}.");
            return 0;
        });
        return command;
    }
}
