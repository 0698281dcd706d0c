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
  }
}

output applicationInsightsName string = applicationInsights.name
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
output logAnalyticsWorkspaceId string = logAnalytics.id
