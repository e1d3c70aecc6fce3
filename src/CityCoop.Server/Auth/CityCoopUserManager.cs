using CityCoop.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CityCoop.Server.Auth;

/// <summary>
/// Identity's user manager with the lock-out on <see cref="TimeProvider"/>: Identity stamps and checks the lock-out end
/// against the machine's clock, which would put a 15-minute lock years away from every other time the server shows
/// when its clock is set (<c>CityCoop:Clock</c>) and would not move with a test's clock.
/// </summary>
public sealed class CityCoopUserManager(
    IUserStore<CityCoopUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<CityCoopUser> passwordHasher,
    IEnumerable<IUserValidator<CityCoopUser>> userValidators,
    IEnumerable<IPasswordValidator<CityCoopUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<CityCoopUser>> logger,
    TimeProvider time)
    : UserManager<CityCoopUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <inheritdoc/>
    public override async Task<bool> IsLockedOutAsync(CityCoopUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await GetLockoutEnabledAsync(user) && await GetLockoutEndDateAsync(user) >= time.GetUtcNow();
    }

    /// <inheritdoc/>
    public override async Task<IdentityResult> AccessFailedAsync(CityCoopUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var before = await GetLockoutEndDateAsync(user);
        var result = await base.AccessFailedAsync(user);
        if (!result.Succeeded || await GetLockoutEndDateAsync(user) == before)
        {
            return result;
        }

        // This failure locked the account; the lock lasts from now on our clock.
        return await SetLockoutEndDateAsync(user, time.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan);
    }
}
