# Artifact `cluster` (type kubernetes-cluster).
output "cluster" {
  sensitive = true
  value = {
    name                       = aws_eks_cluster.main.name
    server                     = aws_eks_cluster.main.endpoint
    "certificate-authority-data" = aws_eks_cluster.main.certificate_authority[0].data
    token                      = data.aws_eks_cluster_auth.deployer.token
    provider                   = "aws"
    oidc_issuer_url            = aws_eks_cluster.main.identity[0].oidc[0].issuer
    arn                        = aws_eks_cluster.main.arn
    ingress_class              = "alb"
  }
}
