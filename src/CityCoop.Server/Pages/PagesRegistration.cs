using System.Globalization;
using System.Security.Claims;
using CityCoop.Infrastructure.Identity;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace CityCoop.Server.Pages;

/// <summary>The web pages: Razor Pages, static files, antiforgery and request localization (zh-CN, ja-JP, en).</summary>
public static class PagesRegistration
{
    /// <summary>Cultures the pages speak; the bare "zh"/"ja" accept browsers that send only the language.</summary>
    public static IReadOnlyList<string> Cultures { get; } = [.. Domain.Languages.CultureNames, Domain.Languages.Chinese, Domain.Languages.Japanese];

    /// <summary>Remembers a page language for a year in the culture cookie (language switch, sign-in, settings).</summary>
    public static void RememberCulture(HttpResponse response, string culture)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
    }

    /// <summary>Registers Razor Pages (every page needs a signed-in user but sign-in and language), localization and page services.</summary>
    public static void AddCityCoopPages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AuthorizeFolder("/Admin", Auth.AuthRegistration.Admins);
            o.Conventions.AuthorizePage("/Reports/Index", Auth.AuthRegistration.ReportReaders);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/TooManyAttempts");
            o.Conventions.AllowAnonymousToPage("/Language");
            o.Conventions.AddPageApplicationModelConvention("/SignIn", m => m.EndpointMetadata.Add(Auth.SignInRateLimits.Marker));
            o.Conventions.AddPageRoute("/Proposals/Edit", "proposals/new");
        }).AddMvcOptions(o =>
        {
            o.ModelBinderProviders.Insert(0, new NumberTextModelBinderProvider());
            o.ModelBinderProviders.Insert(0, new EnumNameModelBinderProvider());
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "citycoop.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
        });
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        // Chinese and Japanese text is written as is, not as &#x...; entities (still HTML-escaped where needed).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<UiText>();
        builder.Services.AddScoped<Viewer>();
        builder.Services.AddScoped<AttachmentStore>();
        builder.Services.AddHttpContextAccessor();

        // Cookie sign-in carries "sub" like the bearer token does, so both read the same claim.
        builder.Services.AddScoped<IUserClaimsPrincipalFactory<CityCoopUser>, SubClaimsFactory>();
    }

    /// <summary>Adds static files, localization and the pages to the pipeline.</summary>
    public static void MapCityCoopPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
        app.UseStaticFiles();
        app.MapRazorPages();
    }

    private sealed class SubClaimsFactory(UserManager<CityCoopUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
        : UserClaimsPrincipalFactory<CityCoopUser, IdentityRole>(users, roles, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CityCoopUser user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            identity.AddClaim(new Claim("sub", user.Id));
            identity.AddClaim(new Claim("name", user.DisplayName));
            return identity;
        }
    }
}
