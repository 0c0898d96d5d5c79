-- wrk script: optional rotation over request paths, JSON summary on stdout.
local paths = {}
local counter = 0
local headers_extra = {}

function init(args)
  for i = 1, #args do
    local value = args[i]
    local name, hv = value:match("^header:([^=]+)=(.*)$")
    local file = value:match("^file:(.*)$")
    if name then
      headers_extra[name] = hv
    elseif file then
      for line in io.lines(file) do table.insert(paths, line) end
    else
      table.insert(paths, value)
    end
  end
end

function request()
  local path = nil
  if #paths > 0 then
    counter = counter + 1
    path = paths[(counter % #paths) + 1]
  end
  return wrk.format("GET", path, headers_extra)
end

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "non_2xx_3xx": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(99)))
end
