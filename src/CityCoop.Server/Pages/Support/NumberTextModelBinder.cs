using CityCoop.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CityCoop.Server.Pages.Support;

/// <summary>
/// Binds every <see cref="decimal"/> and <see cref="int"/> of a page form or query (nullable or not) through
/// <see cref="NumberText"/>, the reading the API gives numbers sent as text: full-width digits (<c>１０００</c>) and
/// thousands separators read as the number, whatever the reader's culture. A value that is no such number leaves the
/// property unset with a model error, for the page to word.
/// </summary>
public sealed class NumberTextModelBinder : IModelBinder
{
    /// <inheritdoc/>
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        if (FormValueBinding.TextToRead(bindingContext) is not { } text)
        {
            return Task.CompletedTask;
        }

        var type = Nullable.GetUnderlyingType(bindingContext.ModelType) ?? bindingContext.ModelType;
        if (!NumberText.TryParse(text, out var value) || (type == typeof(int) && (value != decimal.Truncate(value) || value is < int.MinValue or > int.MaxValue)))
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, $"'{text}' is not a {(type == typeof(int) ? "whole number" : "number")}.");
            return Task.CompletedTask;
        }

        bindingContext.Result = ModelBindingResult.Success(type == typeof(int) ? (object)(int)value : value);
        return Task.CompletedTask;
    }
}

/// <summary>Offers <see cref="NumberTextModelBinder"/> for <see cref="decimal"/>, <see cref="int"/> and their nullable forms.</summary>
public sealed class NumberTextModelBinderProvider : IModelBinderProvider
{
    /// <inheritdoc/>
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(decimal) || type == typeof(int) ? new NumberTextModelBinder() : null;
    }
}
