using Microsoft.Extensions.Options;

namespace CityCoop.Infrastructure.Mail;

/// <summary>Refuses a wrong <c>Mail:*</c> combination at start-up (register with <c>ValidateOnStart</c>), naming every problem.</summary>
public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    /// <summary>Validates the options; a failure lists each problem of <see cref="MailOptions.Validate"/>.</summary>
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
