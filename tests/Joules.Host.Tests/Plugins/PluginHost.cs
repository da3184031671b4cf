using Joules.Host.Plugins.Runtime;
using Joules.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins;

/// <summary>A real host (real SQLite file, demo users) whose plugins folder holds the given test plugins at start.</summary>
public class PluginHost : JoulesAppFactory
{
    public PluginHost(bool developmentLicence = true, params string[] installed)
    {
        DemoCustomers = 3;
        Settings["Joules:Plugins:IssueDevelopmentLicence"] = developmentLicence ? "true" : "false";
        Directory.CreateDirectory(PluginsFolder);
        foreach (var id in installed) TestPlugins.MoveIn(id, PluginsFolder);
    }

    internal PluginRegistry Registry => Services.GetRequiredService<PluginRegistry>();

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }

    public static Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout);
}
