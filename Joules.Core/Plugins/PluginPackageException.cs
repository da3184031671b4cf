using Joules.Core.Domain.Common;

namespace Joules.Core.Plugins;

/// <summary>A plugin package or its <c>plugin.json</c> was refused. <see cref="Exception.Message"/> is a localised
/// text for the administrator saying what is wrong; <see cref="DomainException.Field"/> names the offending
/// <c>plugin.json</c> field where there is one.</summary>
public sealed class PluginPackageException(string message, string? field = null) : DomainException(message, field);
