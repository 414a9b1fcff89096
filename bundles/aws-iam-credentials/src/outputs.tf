# Artifact `role` (type aws-iam-role).
output "role" {
  sensitive = true
  value = {
    arn         = aws_iam_role.deploy.arn
    external_id = random_password.external_id.result
    account_id  = data.aws_caller_identity.current.account_id
  }
}
