using CityCoop.Server.Resources;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CityCoop.Server.Pages.Support;

/// <summary>
/// Binds every enum of a page form or query by its member name only (the values the pages' radio buttons and selects
/// send, e.g. <c>GovernmentStaff</c>), as the API reads enums by name: a number (<c>1</c>) or an unknown name leaves the
/// property unset with the model error <c>err.choice</c> in the reader's language, instead of MVC's default of taking
/// any number as a member or dropping the value without a word.
/// </summary>
public sealed class EnumNameModelBinder : IModelBinder
{
    /// <inheritdoc/>
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        if (FormValueBinding.TextToRead(bindingContext) is not { } text)
        {
            return Task.CompletedTask;
        }

        var type = Nullable.GetUnderlyingType(bindingContext.ModelType) ?? bindingContext.ModelType;
        var member = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text, StringComparison.Ordinal));
        if (member is null)
        {
            var words = bindingContext.HttpContext.RequestServices.GetRequiredService<UiText>();
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, words["err.choice", text]);
            return Task.CompletedTask;
        }

        bindingContext.Result = ModelBindingResult.Success(Enum.Parse(type, member));
        return Task.CompletedTask;
    }
}

/// <summary>Offers <see cref="EnumNameModelBinder"/> for every enum type and its nullable form.</summary>
public sealed class EnumNameModelBinderProvider : IModelBinderProvider
{
    /// <inheritdoc/>
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type.IsEnum ? new EnumNameModelBinder() : null;
    }
}
