namespace Joules.Host;

/// <summary>Marker for texts used across the shell (Resources/SharedResource.resx, German neutral).</summary>
public sealed class SharedResource;
