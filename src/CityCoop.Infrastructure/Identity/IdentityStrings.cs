namespace CityCoop.Infrastructure.Identity;

/// <summary>
/// The account and password messages' wording: <c>IdentityStrings.resx</c> (English), <c>IdentityStrings.zh.resx</c> and
/// <c>IdentityStrings.ja.resx</c> in this folder, keyed by Identity's error code (<c>{0}</c>… in the order
/// <see cref="LocalizedIdentityErrors"/> passes them), read by <see cref="LocalizedIdentityErrors"/>.
/// </summary>
public sealed class IdentityStrings
{
    private IdentityStrings()
    {
    }
}
