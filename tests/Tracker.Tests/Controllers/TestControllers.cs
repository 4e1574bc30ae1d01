using Microsoft.AspNetCore.Mvc;

namespace UsageDashboard.Tracker.Tests.Controllers;

// Discovered by MVC from this assembly; only the tests that add controllers map them.

[Route("reports")]
public sealed class ReportsController : Controller
{
    [HttpGet("daily")]
    public IActionResult Daily() => Content("daily report");

    [HttpGet("hidden")]
    [ExcludeFromUsageTracking]
    public IActionResult Hidden() => Content("hidden report");

    [HttpGet("{year:int}/{month:int}")]
    public IActionResult Monthly(int year, int month) => Content($"{year}-{month}");
}

[Area("Admin")]
[Route("admin/users")]
public sealed class UsersController : Controller
{
    [HttpGet("")]
    public IActionResult List() => Content("users");
}

[UsageGroup("billing")]
[TrackUsage]
[Route("billing")]
public sealed class InvoicesController : Controller
{
    [HttpGet("invoices")]
    public IActionResult Invoices() => Content("invoices");

    [HttpGet("secret")]
    [ExcludeFromUsageTracking]
    public IActionResult Secret() => Content("secret");
}

public sealed class HomeController : Controller
{
    public IActionResult Index() => Content("home");

    public IActionResult About(string? id) => Content("about " + id);
}
