using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HostApp.Pages;

/// <summary>A Razor page, tracked like every other endpoint.</summary>
public sealed class PrivacyModel : PageModel
{
    public DateTime RenderedAt { get; private set; }

    public void OnGet() => RenderedAt = DateTime.UtcNow;
}
