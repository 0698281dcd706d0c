@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region of the monitoring resources.')
param location string

@description('Tags applied to every monitoring resource.')
param tags object

@description('Days Log Analytics keeps data; 30 is the retention included in the ingestion price.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Daily ingestion cap in GB, so a log storm cannot run up the bill (-1 for no cap).')
param dailyQuotaGb int = 1

@description('Email address of the people on call; every alert rule below notifies it through one action group.')
param alertEmail string

@description('Minutes the oldest message on complaints-intake or notifications may wait before the on-call address is paged.')
@minValue(1)
param queueAgeAlertMinutes int = 10

@description('Rise in overdue complaints within an hour that pages the on-call address (a storm or a stuck desk).')
@minValue(1)
param overdueRiseAlert int = 20

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
    workspaceCapping: { dailyQuotaGb: dailyQuotaGb }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource onCall 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${applicationInsightsName}-on-call'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'complaints'
    enabled: true
    emailReceivers: [
      {
        name: 'on-call'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// The app's PipelineHealth timer (every minute) exports gauges through OpenTelemetry: complaintflow.queue.oldest_age
// and complaintflow.queue.length per queue (dimension "queue", the stage queues and their -poison queues) and
// complaintflow.deadlines.overdue. A gauge's value is the data point's Sum (one item per point). docs/reliability.md.
var gaugeValue = 'extend Value = todouble(Sum) / iif(ItemCount > 0, ItemCount, 1)'
var healthAlerts = [
  {
    suffix: 'intake-stalled'
    displayName: 'Complaints waiting on complaints-intake'
    description: 'The oldest complaint on complaints-intake has waited longer than ${queueAgeAlertMinutes} minutes for Triage: no acknowledgement goes out until it is taken. See docs/reliability.md, "Alerts".'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'AppMetrics | where Name == "complaintflow.queue.oldest_age" and tostring(Properties.queue) == "complaints-intake" | ${gaugeValue} | summarize AggregatedValue = max(Value)'
    operator: 'GreaterThan'
    threshold: queueAgeAlertMinutes * 60
  }
  {
    suffix: 'notifications-stalled'
    displayName: 'Notices waiting on notifications'
    description: 'The oldest notice on notifications has waited longer than ${queueAgeAlertMinutes} minutes: customers are not being acknowledged or answered. See docs/reliability.md, "Alerts".'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'AppMetrics | where Name == "complaintflow.queue.oldest_age" and tostring(Properties.queue) == "notifications" | ${gaugeValue} | summarize AggregatedValue = max(Value)'
    operator: 'GreaterThan'
    threshold: queueAgeAlertMinutes * 60
  }
  {
    suffix: 'poison'
    displayName: 'A message was given up on (poison queue)'
    description: 'A queue message failed five times and waits on a -poison queue: find its reason on the desk\'s poison page and replay it once fixed. See docs/reliability.md.'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'AppMetrics | where Name == "complaintflow.queue.length" and tostring(Properties.queue) endswith "-poison" | ${gaugeValue} | summarize AggregatedValue = max(Value)'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    suffix: 'overdue-rising'
    displayName: 'Overdue complaints rising'
    description: 'More than ${overdueRiseAlert} complaints became overdue within an hour: a storm, or the desk cannot keep up. See docs/reliability.md, "Alerts".'
    severity: 2
    frequency: 'PT15M'
    window: 'PT1H'
    query: 'AppMetrics | where Name == "complaintflow.deadlines.overdue" | ${gaugeValue} | summarize (FirstAt, First) = arg_min(TimeGenerated, Value), (LastAt, Last) = arg_max(TimeGenerated, Value) | extend AggregatedValue = Last - First'
    operator: 'GreaterThan'
    threshold: overdueRiseAlert
  }
  {
    suffix: 'health-silent'
    displayName: 'Pipeline health not reported'
    description: 'No pipeline health reading for 15 minutes: the function app is down or its timers stopped, and the other alerts cannot fire. See docs/reliability.md, "Alerts".'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'AppMetrics | where Name == "complaintflow.queue.length" | summarize AggregatedValue = count()'
    operator: 'LessThan'
    threshold: 1
  }
]

resource healthAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in healthAlerts: {
    name: '${applicationInsightsName}-${alert.suffix}'
    location: location
    tags: tags
    properties: {
      displayName: alert.displayName
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [logAnalytics.id]
      evaluationFrequency: alert.frequency
      windowSize: alert.window
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: 'AggregatedValue'
            operator: alert.operator
            threshold: alert.threshold
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      autoMitigate: true
      actions: { actionGroups: [onCall.id] }
    }
  }
]

// Business calendars hold data up to a last covered date (the Chinese holidays are published a year at a time).
// From 60 days before it, the app's daily coverage check logs a warning "Calendar <id> holidays end on ..." (or
// "... holidays ended on ..."); this alert fires on it, once a day, so the schedule is added before clocks need it.
resource calendarCoverageAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${applicationInsightsName}-calendar-coverage'
  location: location
  tags: tags
  properties: {
    displayName: 'Business calendar running out'
    description: 'A business calendar ends within 60 days (or has ended): add next year\'s holidays in the desk. See docs/deadlines.md.'
    severity: 2
    enabled: true
    scopes: [logAnalytics.id]
    evaluationFrequency: 'P1D'
    windowSize: 'P1D'
    criteria: {
      allOf: [
        {
          query: 'AppTraces | where SeverityLevel >= 2 and (Message has "holidays end on" or Message has "holidays ended on")'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [onCall.id] }
  }
}

output applicationInsightsName string = applicationInsights.name
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
output logAnalyticsWorkspaceId string = logAnalytics.id
