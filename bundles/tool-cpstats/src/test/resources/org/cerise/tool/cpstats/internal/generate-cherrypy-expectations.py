# Generates the cherrypy-*.html/json expectations with CherryPy 18.8's own StatsPage and
# json.dumps, from the namespaces that StatsPageTest builds as snapshots. Run with /usr/bin/python3
# in this directory.
import logging, json
from cherrypy.lib import cpstats
logging.statistics.clear()
start = 1700000000.0
now = 1700000010.5
uptime = now - start
reqs = {
  12: {'Bytes Read': 8, 'Bytes Written': 10, 'Client': '127.0.0.1:40000', 'End Time': 1700000001.25,
       'Processing Time': 0.25, 'Request-Line': 'POST /app/post HTTP/1.1', 'Response Status': '200 OK', 'Start Time': 1700000001.0},
  13: {'Bytes Read': None, 'Bytes Written': None, 'Client': '10.0.0.2:5555', 'End Time': None,
       'Processing Time': 0.5, 'Request-Line': 'GET /app/slow HTTP/1.1', 'Response Status': None, 'Start Time': 1700000010.0},
  14: {'Bytes Read': 0, 'Bytes Written': 'chunked', 'Client': '127.0.0.1:40001', 'End Time': 1700000003.0,
       'Processing Time': 1.5, 'Request-Line': 'GET /app/stream HTTP/1.1', 'Response Status': '404 Not Found', 'Start Time': 1700000001.5},
}
slow = [dict(reqs[14])]
ns = {
  'Bytes Read/Request': 8 / float(3), 'Bytes Read/Second': 8 / uptime,
  'Bytes Written/Request': 1610 / float(3), 'Bytes Written/Second': 1610 / uptime,
  'Current Requests': 1, 'Current Time': now, 'Enabled': True,
  'Requests': reqs, 'Requests/Second': float(3) / uptime, 'Server Version': '0.1.0',
  'Slow Queries': slow, 'Start Time': start, 'Total Bytes Read': 8, 'Total Bytes Written': 1610,
  'Total Requests': 3, 'Total Time': 1.75, 'Uptime': uptime,
  'URI Set Tracking': {'app': {'Avg': 1.75 / 2, 'Count': 2, 'Max': 1.5, 'Min': 0.25, 'Sum': 1.75}},
}
logging.statistics['CherryPy Applications'] = ns
page = cpstats.StatsPage()
open('cherrypy-index.html', 'w').write(''.join(page.index()))
open('cherrypy-data.json', 'w').write(json.dumps(cpstats.extrapolate_statistics(logging.statistics), sort_keys=True, indent=4))
# an idle namespace: no requests yet
logging.statistics['CherryPy Applications'] = {
  'Bytes Read/Request': 0.0, 'Bytes Read/Second': 0.0, 'Bytes Written/Request': 0.0, 'Bytes Written/Second': 0.0,
  'Current Requests': 0, 'Current Time': 1700000000.125, 'Enabled': False, 'Requests': {}, 'Requests/Second': 0.0,
  'Server Version': '0.1.0', 'Start Time': 1700000000.0, 'Total Bytes Read': 0, 'Total Bytes Written': 0,
  'Total Requests': 0, 'Total Time': 0, 'Uptime': 0.125}
open('cherrypy-index-idle.html', 'w').write(''.join(page.index()))
open('cherrypy-data-idle.json', 'w').write(json.dumps(cpstats.extrapolate_statistics(logging.statistics), sort_keys=True, indent=4))
