using System.Globalization;
using System.Net.Http.Json;
using CityCoop.Infrastructure.Identity;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Accounts;

/// <summary>Adding users reports every problem at once, in the admin's language; deactivation can be undone.</summary>
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private CityCoopFactory factory = null!;

    public async Task InitializeAsync() => factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("useradmin"));

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Add_WithAControlCharacterInTheEmailOrName_IsRefusedBeforeTheDatabaseSeesIt()
    {
        await using var scope = factory.CreateScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        var email = await administration.AddAsync("new.user\0@test.citycoop.example", "CityCoop-2014", "city", "city:shanghai");
        var name = await administration.AddAsync("named.user@test.citycoop.example", "CityCoop-2014", "city", "city:shanghai", displayName: "王\u0007");

        Assert.Equal(["The email contains a control character or a broken one; remove it."], email);
        Assert.Equal(["The name contains a control character or a broken one; remove it."], name);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>().FindByEmailAsync("named.user@test.citycoop.example"));
    }

    [Theory]
    [InlineData("ja-JP", "メールアドレス「not-an-email」は正しくありません。", "パスワードは 8 文字以上にしてください。", "都市のユーザーは都市の組織に所属する必要があります。")]
    [InlineData("zh-CN", "邮箱“not-an-email”不是有效地址。", "密码至少需要 8 个字符。", "城市用户必须属于城市组织。")]
    [InlineData("en", "Email 'not-an-email' is not a valid address.", "The password needs at least 8 characters.", "A city user must belong to a city organisation.")]
    public async Task Add_WithBadEmailShortPasswordAndNoOrganization_ReportsAllThreeInTheAdminsLanguage(string culture, string email, string password, string organization)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await using var scope = factory.CreateScope();
            var problems = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync("not-an-email", "x", "city", organizationCode: null);

            Assert.Contains(email, problems);
            Assert.Contains(password, problems);
            Assert.Contains(organization, problems);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>().FindByEmailAsync("not-an-email"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task AdminPage_RefusedAdd_ComesBackAsTyped_AndATakenEmailIsSaidOnce()
    {
        using var admin = await Localization.PageClient.SignInAsync(factory, CityCoopFactory.Admin, "zh-CN");

        var (status, html) = await admin.PostFormAsync("/admin?handler=Add", new()
        {
            ["email"] = CityCoopFactory.ShanghaiCity,
            ["password"] = "abc",
            ["displayName"] = "新同事",
            ["role"] = "city",
            ["organization"] = "city:wuhan",
            ["language"] = "zh-CN",
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains($"邮箱“{CityCoopFactory.ShanghaiCity}”的账户已存在。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("登录名", html, StringComparison.Ordinal);
        Assert.Contains("密码至少需要 8 个字符。", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{CityCoopFactory.ShanghaiCity}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"新同事\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"city:wuhan\" selected=\"selected\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_WithEmptyForm_NamesEmailAndPassword()
    {
        await using var scope = factory.CreateScope();
        var problems = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(string.Empty, string.Empty, "admin", organizationCode: null);

        Assert.Equal(["Enter the email.", "Enter the password."], problems);
    }

    [Fact]
    public async Task Deactivate_ThenReactivate_TheUserSignsInAgain()
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var user = (await users.FindByEmailAsync(CityCoopFactory.ShanghaiCity))!;

        Assert.False((await administration.SetActiveAsync(user.Id, active: false))!.IsActive);
        using (var client = factory.CreateClient())
        {
            using var refused = await client.PostAsJsonAsync("/api/auth/token", new { email = CityCoopFactory.ShanghaiCity, password = CityCoop.Infrastructure.Setup.DemoAccounts.Password });
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.True((await administration.SetActiveAsync(user.Id, active: true))!.IsActive);
        using (var client = factory.CreateClient())
        {
            using var accepted = await client.PostAsJsonAsync("/api/auth/token", new { email = CityCoopFactory.ShanghaiCity, password = CityCoop.Infrastructure.Setup.DemoAccounts.Password });
            Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);
        }

        Assert.Null(await administration.SetActiveAsync("no-such-id", active: true));
    }
}
