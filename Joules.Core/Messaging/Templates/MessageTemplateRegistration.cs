using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Core.Messaging.Templates;

/// <summary>Registers message templates: catalogue (with Core's keys), sandboxed renderer, validator and service.</summary>
public static class MessageTemplateRegistration
{
    /// <summary>Adds the template services. Plugins add keys with <c>IPluginBuilder.AddMessageTemplates&lt;TSource&gt;()</c>.</summary>
    public static IServiceCollection AddMessageTemplates(this IServiceCollection services)
    {
        services.AddSingleton<IMessageTemplateKeySource, MessageTemplateKeys>();
        services.AddSingleton<IMessageTemplateKeySource, UseCases.Orders.OrderTemplateKeys>();
        services.TryAddSingleton<MessageTemplateCatalogue>();
        services.TryAddSingleton(new TemplateRenderLimits());
        services.TryAddSingleton(sp => new TemplateRenderer(sp.GetRequiredService<TemplateRenderLimits>()));
        services.TryAddSingleton<TemplateValidator>();
        services.TryAddScoped<MessageTemplateService>();
        return services;
    }
}
