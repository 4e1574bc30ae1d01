using HostApp.Shop;
using Microsoft.AspNetCore.Mvc;

namespace HostApp.Controllers;

/// <summary>An MVC controller; its usage group defaults to the controller name.</summary>
[ApiController]
[Route("reports")]
public sealed class ReportsController(ProductCatalog catalog) : ControllerBase
{
    [HttpGet("daily")]
    public IActionResult Daily([FromQuery] DateOnly? day)
    {
        var date = day ?? DateOnly.FromDateTime(DateTime.UtcNow);
        HttpContext.TrackVar("report_day", date.ToString("yyyy-MM-dd"));
        return Ok(new { day = date, products = catalog.All.Count });
    }
}
