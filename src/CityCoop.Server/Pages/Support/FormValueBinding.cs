using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CityCoop.Server.Pages.Support;

/// <summary>The part every page binder of a single form or query value shares: what to do with no value or a blank one.</summary>
public static class FormValueBinding
{
    /// <summary>
    /// Returns the non-blank text a binder must read, or null when there is nothing to read: no value (the property keeps
    /// its default) or a blank one (null for a nullable property, the default otherwise). The value is recorded in the
    /// model state either way, so a re-rendered form shows what was typed.
    /// </summary>
    public static string? TextToRead(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return null;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (Nullable.GetUnderlyingType(bindingContext.ModelType) is not null)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }

            return null;
        }

        return text;
    }
}
